import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

export interface WrittenFile {
  path: string;
  lines: number;
  bytes: number;
}

/**
 * Writes one JSON value per line (UTF-8, `\n` after each) through a stream, in chunks of about a
 * megabyte and waiting for the stream to drain, so a million lines never become one string.
 * `onChunk` hears the number of lines written so far after each chunk.
 */
export async function writeJsonLines(
  path: string,
  values: Iterable<unknown>,
  onChunk?: (lines: number) => void,
): Promise<WrittenFile> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let lines = 0;
  let bytes = 0;
  let parts: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    chars = 0;
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (!stream.write(chunk)) await once(stream, 'drain');
    onChunk?.(lines);
  };
  try {
    for (const value of values) {
      const line = `${JSON.stringify(value)}\n`;
      parts.push(line);
      chars += line.length;
      lines += 1;
      if (chars >= CHUNK_CHARS) await flush();
    }
    await flush();
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { path, lines, bytes };
}

/** Writes one JSON document (2-space indented, trailing newline). */
export async function writeJsonFile(path: string, value: unknown): Promise<WrittenFile> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const stream = createWriteStream(path, { encoding: 'utf8' });
  stream.end(text);
  await finished(stream);
  return { path, lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text, 'utf8') };
}
