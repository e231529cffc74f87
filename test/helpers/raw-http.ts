import net from 'node:net';

/** What came back on a raw socket; status is undefined when the server closed it without an answer. */
export interface RawReply {
  status: number | undefined;
  head: string;
  body: string;
}

export interface RawRequest {
  /** Header lines after the request line (no Host or Connection: added here). */
  headers?: string[];
  body?: Buffer;
  method?: string;
  path?: string;
  /**
   * After the bytes are written: 'wait' for the server to answer and close (the request says Connection: close),
   * 'end' half-closes (a body that ends early), 'reset' destroys the socket with a TCP reset.
   */
  then?: 'wait' | 'end' | 'reset';
}

/** HTTP/1.1 by hand, so a test can send what fetch refuses to: wrong lengths, torn bodies, any encoding. */
export function rawRequest(port: number, { headers = [], body = Buffer.alloc(0), method = 'POST', path = '/api/messages', then = 'wait' }: RawRequest): Promise<RawReply> {
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers, '', ''].join('\r\n');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer is still an answer: parse whatever arrived.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parseReply(Buffer.concat(chunks).toString('latin1'))));
    socket.on('connect', () => {
      socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
      if (then === 'end') socket.end();
      if (then === 'reset') socket.resetAndDestroy();
    });
  });
}

function parseReply(text: string): RawReply {
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(text) && text.includes('\r\n\r\n')) text = text.slice(text.indexOf('\r\n\r\n') + 4);
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  return { status: status === undefined ? undefined : Number(status), head, body: split < 0 ? '' : text.slice(split + 4) };
}
