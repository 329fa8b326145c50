const HEX_DIGITS = 32;

function parse(id: string): bigint {
  const hex = id.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: '${id}'`);
  return BigInt(`0x${hex}`);
}

function format(value: bigint): string {
  const hex = value.toString(16).padStart(HEX_DIGITS, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What an attacker who saw one UUIDv7 would try next: the ids counting up and down from it, and the same
 * random part a few milliseconds either side (UUIDv7 starts with the time in ms).
 */
export function neighbouringIds(id: string, perSide = 3): string[] {
  const value = parse(id);
  const ms = 1n << 80n;
  const guesses = new Set<string>();
  for (let k = 1n; k <= BigInt(perSide); k += 1n) {
    for (const delta of [k, -k, k * ms, -k * ms]) {
      const guess = value + delta;
      if (guess >= 0n && guess < 1n << 128n) guesses.add(format(guess));
    }
  }
  guesses.delete(format(value));
  return [...guesses];
}
