import type { AddressInfo } from "node:net";
import type http from "node:http";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { trustProxySetting } from "../../../server/trust-proxy";

describe("trustProxySetting", () => {
  it("is off when unset, empty or 0", () => {
    for (const v of [undefined, "", " ", "0"]) expect(trustProxySetting(v)).toBe(false);
  });

  it("reads a number as a hop count, never as 'trust everything'", () => {
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("2")).toBe(2);
    expect(() => trustProxySetting("99")).toThrow(/TRUST_PROXY/);
  });

  it("reads addresses, subnets and express's names as a list", () => {
    expect(trustProxySetting("10.0.0.5")).toEqual(["10.0.0.5"]);
    expect(trustProxySetting("10.0.0.0/8, ::1 ,loopback")).toEqual(["10.0.0.0/8", "::1", "loopback"]);
    expect(trustProxySetting("fd00::/8")).toEqual(["fd00::/8"]);
  });

  it("refuses true and anything else it cannot read, with a Dutch message", () => {
    for (const v of ["true", "yes", "10.0.0.300", "10.0.0.0/33", "::1/129", "proxy.example", "10.0.0.0/8/1"]) {
      expect(() => trustProxySetting(v), v).toThrow(/TRUST_PROXY.*(geen aantal|onwaarschijnlijk)/);
    }
  });
});

describe("req.ip under each setting (express on 127.0.0.1)", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function ipsFor(setting: string | undefined, forwardedFor: string[]): Promise<string[]> {
    const app = express();
    app.set("trust proxy", trustProxySetting(setting));
    app.get("/", (req, res) => void res.type("text/plain").send(req.ip));
    server = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const ips: string[] = [];
    for (const xff of forwardedFor) ips.push(await (await fetch(base, { headers: { "X-Forwarded-For": xff } })).text());
    return ips;
  }

  // What a client sends through one proxy: its own (spoofed) entries, then the address the proxy appended.
  const rotating = Array.from({ length: 5 }, (_, i) => `203.0.113.${i + 1}, 10.${i}.0.9, 198.51.100.7`);

  it("TRUST_PROXY=1: rotating spoofed entries before the proxy's own count as one address", async () => {
    expect(new Set(await ipsFor("1", rotating))).toEqual(new Set(["198.51.100.7"]));
  });

  it("unset: X-Forwarded-For is ignored, the connecting address counts", async () => {
    const ips = await ipsFor(undefined, rotating);
    expect(new Set(ips.map((ip) => ip.replace(/^::ffff:/, "")))).toEqual(new Set(["127.0.0.1"]));
  });

  it("a list that names the proxy: trusted from it, not from anywhere else", async () => {
    expect(new Set(await ipsFor("127.0.0.1", rotating))).toEqual(new Set(["198.51.100.7"]));
    server!.close();
    server = undefined;
    const ips = await ipsFor("10.0.0.5", rotating);
    expect(new Set(ips.map((ip) => ip.replace(/^::ffff:/, "")))).toEqual(new Set(["127.0.0.1"]));
  });
});
