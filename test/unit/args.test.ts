// Room ids are base64url and may begin with "-": the scripts must still read `--room <id>`.
import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { withValues } from '../../scripts/args.js';

const options = { room: { type: 'string' }, format: { type: 'string' }, expired: { type: 'boolean' } } as const;

describe('script arguments', () => {
  it('reads a value that begins with "-", which parseArgs alone refuses', () => {
    const argv = ['--room', '-e-TRa8yQx', '--format', 'xlsx', '--expired'];
    expect(() => parseArgs({ args: argv, options })).toThrow(/ambiguous/);
    expect(parseArgs({ args: withValues(argv, ['--room', '--format']), options }).values).toEqual({
      room: '-e-TRa8yQx',
      format: 'xlsx',
      expired: true,
    });
  });

  it('leaves --name=value and a trailing name alone', () => {
    expect(withValues(['--room=abc', '--format'], ['--room', '--format'])).toEqual(['--room=abc', '--format']);
  });
});
