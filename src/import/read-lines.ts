import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
}

/**
 * Streams a text file line by line without reading it whole. `encoding` matters for old datasets
 * (MovieLens 100K is Latin-1). Reports bytes consumed so a caller can draw a progress bar.
 */
export async function* readLines(
  file: string,
  options: { encoding?: BufferEncoding; progress?: (bytes: number) => void } = {},
): AsyncGenerator<Line> {
  const stream = createReadStream(file, { encoding: options.encoding ?? 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let number = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    options.progress?.(Buffer.byteLength(chunk, options.encoding ?? 'utf8'));
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      number += 1;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      yield { number, text: line };
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) {
    number += 1;
    yield { number, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
  }
}
