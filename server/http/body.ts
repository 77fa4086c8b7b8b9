// Request bodies within the size limit: JSON for the API, an HTML form for the no-JavaScript phone page, checked against a schema.
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { describeIssues } from '../../core/wire.js';
import { HttpError } from './errors.js';

/** A request body within the size limit: a declared length over it is refused before reading a byte. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    throw new HttpError(413, 'body_too_large', `Forespørgslen er for stor (højst ${limit} bytes).`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'body_too_large', `Forespørgslen er for stor (højst ${limit} bytes).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type && !/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send JSON med Content-Type: application/json.');
  }
  const text = await readBody(req, limit);
  if (text.trim() === '') throw new HttpError(400, 'bad_json', 'Forespørgslen mangler en JSON-krop.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'bad_json', 'Forespørgslens krop er ikke gyldig JSON.');
  }
}

/** An HTML form's body (application/x-www-form-urlencoded), within the size limit. */
export async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = req.headers['content-type'];
  if (!type || !/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send formularen som application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readBody(req, limit));
}

/** The body as the schema types it, or 400 saying what is wrong with it. */
export function parse<const T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (!result.success) throw new HttpError(400, 'invalid_request', describeIssues(result.issues));
  return result.output;
}
