import { z } from 'zod';

/** The DNS-SD service type a venue host advertises while sharing (`_cb-venue._tcp.local`). */
export const VENUE_SERVICE_TYPE = 'cb-venue';
export const VENUE_SERVICE_VERSION = '1';

/** Controls and format characters (bidi overrides and isolates among them) never reach the screen. */
const NO_CONTROLS = /^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}]+$/u;
const Address = z.union([z.ipv4(), z.ipv6()]);

/**
 * A venue host found on the local network, as the Venue screen lists it. Anything on the network can
 * answer mDNS, so every record is checked before it is shown: a name of at most 63 characters (a DNS
 * label) with no control or bidi characters, a port sharing could have chosen, plain IP addresses.
 * The pairing code is still needed: a listed host is a suggestion, never trusted.
 */
export const DiscoveredHostSchema = z.strictObject({
  name: z.string().trim().min(1).max(63).regex(NO_CONTROLS),
  port: z.int().min(1024).max(65535),
  addresses: z.array(Address).min(1).max(8),
});
export type DiscoveredHost = z.infer<typeof DiscoveredHostSchema>;

/** What bonjour-service reports, before it is trusted. */
export const RawServiceSchema = z.object({
  name: z.string().max(255),
  port: z.number(),
  addresses: z.array(z.string().max(64)).max(64).optional(),
  referer: z
    .object({ address: z.string().max(64) })
    .partial()
    .optional(),
  txt: z.object({ v: z.literal(VENUE_SERVICE_VERSION) }).loose(),
});

/** A discovered record as a host to list, or null if anything in it is out of bounds. */
export function discoveredHost(raw: unknown): DiscoveredHost | null {
  const parsed = RawServiceSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { name, port, addresses = [], referer } = parsed.data;
  const ips = [...new Set([referer?.address, ...addresses])].filter(
    (address): address is string => address !== undefined && Address.safeParse(address).success,
  );
  // IPv4 first: the address people read and type at a venue.
  ips.sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  const host = DiscoveredHostSchema.safeParse({ name, port, addresses: ips.slice(0, 8) });
  return host.success ? host.data : null;
}
