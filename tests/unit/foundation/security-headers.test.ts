import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "../../../server/security-headers";

type Req = Parameters<typeof isCrossOriginWrite>[0];
const HOST = "zorginkoop.example:3000";
function req(method: string, headers: Record<string, string> = {}): Req {
  return { method, headers, protocol: "http" } as unknown as Req;
}

describe("isCrossOriginWrite", () => {
  it("refuses a POST whose Origin is another site", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "https://evil.example" }), HOST)).toBe(true);
  });

  it("refuses a POST whose Origin differs only in port", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "http://zorginkoop.example:4000" }), HOST)).toBe(true);
  });

  it("refuses a POST with Origin null (sandboxed frame, data: URL)", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "null" }), HOST)).toBe(true);
  });

  it("refuses a POST with an unparseable Origin", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "::nonsense" }), HOST)).toBe(true);
  });

  it("refuses a POST marked Sec-Fetch-Site cross-site, even with a matching Origin", () => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "cross-site", origin: `http://${HOST}` }), HOST)).toBe(true);
  });

  it("refuses a POST marked Sec-Fetch-Site same-site (a sibling subdomain is another origin)", () => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "same-site" }), HOST)).toBe(true);
  });

  it("refuses other writing methods too (PUT, PATCH, DELETE)", () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(isCrossOriginWrite(req(method, { origin: "https://evil.example" }), HOST)).toBe(true);
    }
  });

  it("allows a same-origin POST (Origin matches the host, Sec-Fetch-Site same-origin)", () => {
    expect(isCrossOriginWrite(req("POST", { origin: `http://${HOST}`, "sec-fetch-site": "same-origin" }), HOST)).toBe(false);
    expect(isCrossOriginWrite(req("POST", { origin: `https://${HOST}` }), HOST)).toBe(false);
  });

  it("allows a POST the user typed (Sec-Fetch-Site none) and one without browser headers", () => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "none" }), HOST)).toBe(false);
    expect(isCrossOriginWrite(req("POST"), HOST)).toBe(false);
  });

  it("never refuses GET, HEAD or OPTIONS, whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossOriginWrite(req(method, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), HOST)).toBe(false);
    }
  });
});
