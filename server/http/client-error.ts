import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { problemTypeUri } from '../lib/errors.ts';

const STATUS_BY_CODE: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', detail: 'The request line or headers are too large (at most 16 kB)' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', detail: 'The request took too long to arrive' },
};

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over 16 kB, a
 * malformed request line) get the API's problem shape too, instead of Node's bare status line.
 */
export function answerClientErrorsWithProblems(server: Server) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const known = err.code ? STATUS_BY_CODE[err.code] : undefined;
    const { status, code, detail } = known ?? { status: 400, code: 'validation', detail: 'The request is not valid HTTP' };
    const requestId = randomUUID();
    const body = JSON.stringify({
      type: problemTypeUri(code), title: STATUS_CODES[status] ?? 'Bad Request', status, detail, code,
      instance: `urn:uuid:${requestId}`, requestId, ...(status === 400 ? { errors: [{ path: '', message: detail }] } : {}),
    });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`);
  });
}
