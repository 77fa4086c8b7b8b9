// What HAProxy routes by (deploy/haproxy.cfg) must be what the server reads: the raw address, byte for byte.
// HAProxy hashes the room id as written; Node decodes %-escapes and resolves dot segments. An address whose room
// id could be written two ways would reach a process that does not serve the room and pull the room over to it,
// so with several processes such addresses are refused (docs/security.md).

/** The paths HAProxy sends by the room id they carry, and /j/<code> (sent on with ?rum=<room id>). */
const ROOM_PATH = /^\/(?:api\/rooms|sync|present|console|j)\//;
/**
 * An empty or a dot segment anywhere, also escaped (`%2e`), and escaped or back slashes: `/x/../sync/<id>` is a
 * room's address that HAProxy does not see as one.
 */
const AMBIGUOUS_SEGMENT = /\/\/|\/\.\.?(?:\/|$)|%2e|%2f|%5c|\\/i;
/** A ?rum= value with a %-escape or a plus: HAProxy would hash what Node reads differently. */
const AMBIGUOUS_RUM = /(?:^|&)rum=[^&]*[%+]/;

/** Whether a request's address names a room in a way HAProxy and this server could read differently. */
export function ambiguousRoomAddress(rawUrl: string): boolean {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (AMBIGUOUS_SEGMENT.test(path)) return true;
  if (!ROOM_PATH.test(path)) return false;
  // A %-escape in a room's path (room ids and codes never need one).
  return path.includes('%') || (q >= 0 && AMBIGUOUS_RUM.test(rawUrl.slice(q + 1)));
}
