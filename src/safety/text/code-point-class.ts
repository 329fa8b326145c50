/**
 * A test of one code point against a Unicode property pattern (such as /^\p{L}$/u), remembered per code
 * point: normalization asks about every character of every text, and a text repeats few distinct ones.
 */
export function codePointClass(pattern: RegExp): (cp: number) => boolean {
  const known = new Map<number, boolean>();
  return (cp) => {
    let answer = known.get(cp);
    if (answer === undefined) {
      answer = pattern.test(String.fromCodePoint(cp));
      known.set(cp, answer);
    }
    return answer;
  };
}
