import net from "node:net";

/**
 * Express's "trust proxy" setting from TRUST_PROXY. `true` would trust the whole
 * X-Forwarded-For chain, so a client could name any address it likes and escape the
 * per-address login limit; we accept only a hop count or the proxies' own addresses.
 *
 * - unset, "" or "0": no proxy; req.ip is the connecting address.
 * - "1" (or another small number): trust that many hops; req.ip is the address the nearest
 *   proxy saw, whatever the client wrote before it.
 * - a comma-separated list of addresses or subnets ("10.0.0.5", "10.0.0.0/8, ::1") or
 *   express's names "loopback", "linklocal", "uniquelocal": trust only those proxies.
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const v = (value ?? "").trim();
  if (v === "" || v === "0") return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new Error(`TRUST_PROXY=${v}: zoveel proxy's achter elkaar is onwaarschijnlijk; geef het aantal (meestal 1) of de adressen van de proxy's.`);
    return hops;
  }
  const entries = v.split(",").map((e) => e.trim()).filter((e) => e !== "");
  for (const entry of entries) {
    if (!isProxyEntry(entry)) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is geen aantal hops, adres of subnet. Gebruik bijvoorbeeld TRUST_PROXY=1 of TRUST_PROXY=10.0.0.5 (niet "true": dat vertrouwt elk X-Forwarded-For-adres).`,
      );
    }
  }
  return entries;
}

function isProxyEntry(entry: string): boolean {
  if (entry === "loopback" || entry === "linklocal" || entry === "uniquelocal") return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
