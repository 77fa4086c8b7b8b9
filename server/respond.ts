// Answers as every API route sends them: JSON with its length, never cached; an error as `{"error":{"code","message"}}`.
import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../core/wire.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
  });
  res.end(data);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
