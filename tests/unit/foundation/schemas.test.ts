import { describe, expect, it } from "vitest";
import { parseForm } from "../../../app/lib/forms";
import { loginSchema } from "../../../app/routes/login/schema";
import { organisationSchema, regionSchema } from "../../../app/services/organisations.server";
import { newUserSchema } from "../../../app/services/users.server";

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** Very rough "is this Dutch, not zod's English default" check. */
function expectDutch(message: string | undefined): void {
  expect(message).toBeTruthy();
  expect(message).not.toMatch(/Invalid|expected|received|Too small|Too big/i);
  expect(message).toMatch(/\b(de|het|een|Vul|Kies|bestaat|minstens|uw|te)\b/);
}

const validProvider: [string, string][] = [
  ["kind", "zorgaanbieder"],
  ["name", "Zorggroep Test"],
  ["agbCode", "12345678"],
  ["kvkNumber", "87654321"],
  ["sectors", "VV"],
  ["sectors", "GGZ"],
  ["regionIds", "1"],
];

describe("parseForm", () => {
  it("returns the parsed data on valid input (multi-valued fields become arrays)", () => {
    const r = parseForm(organisationSchema, form(validProvider));
    expect(r).toEqual({
      ok: true,
      data: { kind: "zorgaanbieder", name: "Zorggroep Test", agbCode: "12345678", kvkNumber: "87654321", sectors: ["VV", "GGZ"], regionIds: [1] },
    });
  });

  it("returns one Dutch message per field and the submitted values", () => {
    const r = parseForm(
      newUserSchema,
      form([
        ["email", "geen-adres"],
        ["name", "X"],
        ["organisationId", ""],
        ["password", "kort"],
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["email", "name", "password", "roles"]);
    expect(r.errors.email).toBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.");
    expect(r.errors.name).toBe("Vul de naam in (minstens 2 tekens).");
    expect(r.errors.password).toBe("Het wachtwoord moet minstens 12 tekens hebben.");
    expect(r.errors.roles).toBe("Kies minstens één rol.");
    expect(r.values).toMatchObject({ email: "geen-adres", name: "X", password: "kort" });
  });

  it("joins a multi-valued field's values for redisplay", () => {
    const r = parseForm(organisationSchema, form([...validProvider.filter(([k]) => k !== "agbCode"), ["agbCode", "1"]]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values.sectors).toBe("VV, GGZ");
  });

  it("reports a bad value in a multi-valued field under the field's own name", () => {
    const r = parseForm(newUserSchema, form([["email", "a@b.nl"], ["name", "Anne"], ["roles", "koning"], ["password", "x".repeat(12)]]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.roles).toBe("Kies een bestaande rol.");
  });
});

describe("loginSchema", () => {
  it("gives Dutch messages for empty fields", () => {
    const r = parseForm(loginSchema, form([["email", ""], ["password", ""]]));
    expect(r).toMatchObject({ ok: false, errors: { email: "Vul uw e-mailadres in.", password: "Vul uw wachtwoord in." } });
  });

  it("gives Dutch messages for missing fields", () => {
    const r = parseForm(loginSchema, form([]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.email).toBe("Vul uw e-mailadres in.");
    expect(r.errors.password).toBe("Vul uw wachtwoord in.");
  });

  it("refuses an invalid e-mail address with a Dutch message", () => {
    const r = parseForm(loginSchema, form([["email", "niet-een-adres"], ["password", "x"]]));
    expect(r).toMatchObject({ ok: false, errors: { email: "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl." } });
  });

  it("refuses an overlong password (argon2 denial of service)", () => {
    const r = parseForm(loginSchema, form([["email", "a@b.nl"], ["password", "x".repeat(1025)]]));
    expect(r).toMatchObject({ ok: false, errors: { password: "Dit wachtwoord is te lang." } });
  });

  it("trims the e-mail address", () => {
    expect(parseForm(loginSchema, form([["email", "  a@b.nl "], ["password", "x"]]))).toMatchObject({ ok: true, data: { email: "a@b.nl" } });
  });
});

describe("newUserSchema", () => {
  it("lower-cases and trims the e-mail address, and accepts one role as a single value", () => {
    const r = parseForm(newUserSchema, form([["email", " Anne@Zorg.NL "], ["name", "Anne"], ["roles", "inkoper"], ["organisationId", "3"], ["password", "x".repeat(12)]]));
    expect(r).toEqual({ ok: true, data: { email: "anne@zorg.nl", name: "Anne", roles: ["inkoper"], organisationId: 3, password: "x".repeat(12) } });
  });

  it("treats an empty organisation as none", () => {
    const r = parseForm(newUserSchema, form([["email", "a@b.nl"], ["name", "Anne"], ["roles", "beheerder"], ["organisationId", ""], ["password", "x".repeat(12)]]));
    expect(r).toMatchObject({ ok: true, data: { organisationId: null } });
  });

  it("gives Dutch messages for every missing field", () => {
    const r = parseForm(newUserSchema, form([]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const field of ["email", "name", "roles", "password"]) expectDutch(r.errors[field]);
  });
});

describe("organisationSchema", () => {
  const without = (key: string, ...extra: [string, string][]) => form([...validProvider.filter(([k]) => k !== key), ...extra]);

  // Dutch articles: de AGB-code, het KvK-nummer.
  for (const [field, label, article] of [
    ["agbCode", "AGB-code", "de"],
    ["kvkNumber", "KvK-nummer", "het"],
  ] as const) {
    for (const bad of ["1234567", "123456789", "1234567a", "12 34 56 78", ""]) {
      it(`refuses ${label} ${JSON.stringify(bad)}: exactly 8 digits`, () => {
        const r = parseForm(organisationSchema, without(field, [field, bad]));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors[field]).toBe(`${article === "de" ? "De" : "Het"} ${label} bestaat uit precies 8 cijfers.`);
      });
    }
    it(`asks for a missing ${label} in Dutch`, () => {
      const r = parseForm(organisationSchema, without(field));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[field]).toBe(`Vul ${article} ${label} in.`);
    });
  }

  it("accepts an 8-digit code with a leading zero and surrounding spaces", () => {
    const r = parseForm(organisationSchema, without("agbCode", ["agbCode", " 06060011 "]));
    expect(r).toMatchObject({ ok: true, data: { agbCode: "06060011" } });
  });

  it("asks for at least one existing sector", () => {
    const none = parseForm(organisationSchema, without("sectors"));
    expect(none).toMatchObject({ ok: false, errors: { sectors: "Kies minstens één sector." } });
  });

  it("asks for the kind of organisation in Dutch", () => {
    const r = parseForm(organisationSchema, form([["name", "X Y"]]));
    expect(r).toMatchObject({ ok: false, errors: { kind: "Kies het soort organisatie." } });
    const other = parseForm(organisationSchema, form([["kind", "ziekenhuis"], ["name", "X Y"]]));
    expect(other).toMatchObject({ ok: false, errors: { kind: "Kies het soort organisatie." } });
  });

  it("asks for a name of at least 2 characters for both kinds", () => {
    expect(parseForm(organisationSchema, form([["kind", "zorgkantoor"], ["name", " x "]]))).toMatchObject({
      ok: false,
      errors: { name: "Vul de naam in (minstens 2 tekens)." },
    });
    expect(parseForm(organisationSchema, without("name", ["name", ""]))).toMatchObject({
      ok: false,
      errors: { name: "Vul de naam in (minstens 2 tekens)." },
    });
  });

  it("a zorgkantoor needs no AGB or KvK", () => {
    expect(parseForm(organisationSchema, form([["kind", "zorgkantoor"], ["name", "Zorgkantoor Noord"]]))).toEqual({
      ok: true,
      data: { kind: "zorgkantoor", name: "Zorgkantoor Noord" },
    });
  });
});

describe("regionSchema", () => {
  it("accepts a valid region", () => {
    expect(parseForm(regionSchema, form([["zorgkantoorId", "1"], ["code", "NOORD-1"], ["name", "Noord"]]))).toEqual({
      ok: true,
      data: { zorgkantoorId: 1, code: "NOORD-1", name: "Noord" },
    });
  });

  it("gives Dutch messages for a bad code, an empty name and no zorgkantoor", () => {
    const r = parseForm(regionSchema, form([["zorgkantoorId", ""], ["code", "noord regio"], ["name", ""]]));
    expect(r).toMatchObject({
      ok: false,
      errors: {
        zorgkantoorId: "Kies een zorgkantoor.",
        code: "De regiocode bestaat uit 2 tot 12 hoofdletters, cijfers of streepjes.",
        name: "Vul de naam van de regio in.",
      },
    });
  });
});
