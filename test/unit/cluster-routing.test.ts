// Room addresses with several processes: HAProxy hashes the room id as written, the server decodes it; an address
// that can be written two ways is refused so nobody can send a room's request to a process that does not serve it.
import { describe, expect, it } from 'vitest';
import { ambiguousRoomAddress } from '../../server/cluster/routing.js';

describe('ambiguousRoomAddress', () => {
  it('accepts every address the clients write', () => {
    for (const url of [
      '/api/rooms/AbC_-123xyz0/intents',
      '/api/rooms/AbC_-123xyz0/export?format=json',
      '/sync/AbC_-123xyz0?token=abc%2Bdef',
      '/sync/AbC_-123xyz0/live?token=x',
      '/present/AbC_-123xyz0',
      '/console/AbC_-123xyz0',
      '/j/123456',
      '/j/123456?rum=AbC_-123xyz0',
      '/j?code=123%20456',
      '/api/join',
      '/assets/app-%41.js',
      '/',
    ]) {
      expect(ambiguousRoomAddress(url), url).toBe(false);
    }
  });

  it('refuses a room id written another way: %-escapes, empty or dot segments, an escaped ?rum=', () => {
    for (const url of [
      '/api/rooms/%41bC_-123xyz0/me',
      '/api/rooms//AbC_-123xyz0/me',
      '/api/rooms/./AbC_-123xyz0/me',
      '/api/rooms/x/../AbC_-123xyz0/me',
      '/sync/%41bC_-123xyz0?token=x',
      '/sync/AbC_-123xyz0/.?token=x',
      '/present/AbC_-123xyz0/..',
      '/j/123456?rum=%41bC_-123xyz0',
      '/j/123456?x=1&rum=AbC+123xyz0',
      '/x/../j/123456?rum=AbC_-123xyz0',
      '/assets/../sync/AbC_-123xyz0',
      '//sync/AbC_-123xyz0',
      '/x/%2e%2e/sync/AbC_-123xyz0',
      '/x/%2E./j/123456?rum=AbC_-123xyz0',
      '/x%2f..%2fsync/AbC_-123xyz0',
      '/x\\..\\sync/AbC_-123xyz0',
    ]) {
      expect(ambiguousRoomAddress(url), url).toBe(true);
    }
  });
});
