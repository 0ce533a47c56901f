/**
 * Sealed submissions for the canary crawl (tests/e2e/sealed-canary.test.ts), seeded by the global
 * setup straight into the database through the submission services, before the server starts:
 * on the open demo kader, De Linde (aanbieder@demo) and Het Baken (aanbieder2@demo) each submit
 * twice (version 2 replaces version 1) with two PDFs (the evidence for its declaration and a
 * general attachment), and each keeps a newer draft (De Linde's begun, Het Baken's complete). Every text of a provider carries its canary
 * (`CANARY` + random hex): every plan answer, context and expertise, both PDFs' bytes and file
 * names; the draft carries a second canary. Also an
 * outsider: a provider user whose organisation serves no region of either zorgkantoor.
 *
 * The canary has no hyphen or space, so that no PDF line breaking can split it.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describeUser, type SessionUser } from "../../app/auth/session.server";
import { storeAttachment } from "../../app/services/submissions/attachments.server";
import { saveDraft, submit } from "../../app/services/submissions/submissions.server";
import { createOrganisation } from "../../app/services/organisations.server";
import { createUser } from "../../app/services/users.server";
import type { Db } from "../../db/client.server";
import { users } from "../../db/schema";

/** The open demo kader (db/seed/demo-kader.yaml `id`). */
export const CANARY_KADER = "demo-vv-2026";

/** The outsider of the crawl: a provider in no region of either zorgkantoor. */
export const CANARY_OUTSIDER = { email: "buiten@canary.e2e.zorginkoop.nl", organisation: "Buiten Canary Zorg", agbCode: "99990031" } as const;

export type SeededCanary = {
  /** The provider's name, for messages. */
  provider: string;
  providerId: number;
  /** The e-mail addresses of the provider's own users: the only ones who may find its canaries. */
  ownerEmails: string[];
  /** In every text of both submitted versions, the attachment's bytes and its file name. */
  token: string;
  /** In the provider's draft only. */
  draftToken: string;
  attachments: { sha256: string; name: string }[];
  /** The submission versions seeded (1 replaced by 2). */
  versions: number[];
};

export type CanarySeed = { kader: string; providers: SeededCanary[] };

/** `CANARY` + 16 hex digits: letters and digits only, one word for every renderer. */
export function newCanary(): string {
  return `CANARY${randomBytes(8).toString("hex")}`;
}

/**
 * A small valid PDF whose page shows `text` in an uncompressed content stream, so that the
 * text is literally in the bytes (and `pdftotext` reads it too).
 */
export function canaryPdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 770 Td (${text.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

function must<T extends { ok: boolean }>(what: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`canary seed: ${what} refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

function userByEmail(db: Db, email: string): SessionUser {
  const row = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`canary seed: no user ${email}`);
  return describeUser(db, row.id)!;
}

/**
 * The content of one version, in the format of app/services/submissions/content.ts, answering
 * the demo kader's points module for both target groups; the declaration `planIngediend` (yes,
 * evidence required) backed by the evidence PDF.
 */
function contentFor(token: string, version: number, files: { evidence: string; attachment: string }): Record<string, unknown> {
  const text = (field: string) => `${token} versie ${version} ${field}: tekst van het plan.`;
  const group = (id: string, capacity: number) => ({
    answers: Object.fromEntries(["visie", "aanpak", "expertise", "resultaat"].map((c) => [c, text(`${id} ${c}`)])),
    capacity,
    context: text(`${id} context`),
    expertise: text(`${id} expertise`),
  });
  return {
    declarations: { planIngediend: true },
    evidence: { planIngediend: [files.evidence] },
    plans: { "complexe-zorg": { targetGroups: { "jonge-dementie": group("jonge-dementie", 10 + version), parkinson: group("parkinson", 20 + version) } } },
    attachments: [files.attachment],
  };
}

/** Seeds both providers' submissions, attachments and drafts at `now` (within the demo kader's window). */
export async function seedCanarySubmissions(db: Db, password: string, now: Date): Promise<CanarySeed> {
  const providers: SeededCanary[] = [];
  for (const email of ["aanbieder@demo.zorginkoop.nl", "aanbieder2@demo.zorginkoop.nl"]) {
    const actor = userByEmail(db, email);
    const organisation = actor.organisation!;
    const token = newCanary();
    const draftToken = newCanary();
    const pdf = (kind: string) =>
      must(`${email} ${kind}`, storeAttachment(actor, CANARY_KADER, { name: `${kind}-${token}.pdf`, bytes: canaryPdf(`${kind} ${token} van ${organisation.name}`) }, db, now)).attachment;
    const evidence = pdf("bewijsstuk");
    const attachment = pdf("bijlage");
    const versions: number[] = [];
    for (const version of [1, 2]) {
      const content = contentFor(token, version, { evidence: evidence.sha256, attachment: attachment.sha256 });
      versions.push(must(`${email} submit v${version}`, submit(actor, CANARY_KADER, content, `canary-${token}-v${version}`, now, db)).receipt.version);
    }
    // The draft, saved after the submissions so that the form starts from it: De Linde's only
    // begun (one target group's context; tests/e2e/submission.test.ts fills in the rest and
    // expects the other fields empty), Het Baken's complete and valid (that test submits it
    // after changing one answer). A draft in either state must stay sealed.
    const draft =
      providers.length === 0
        ? { declarations: {}, evidence: {}, plans: { "complexe-zorg": { targetGroups: { parkinson: { context: `${draftToken} concept: context voor Parkinson.` } } } }, attachments: [] }
        : contentFor(draftToken, 3, { evidence: evidence.sha256, attachment: attachment.sha256 });
    must(`${email} draft`, saveDraft(actor, CANARY_KADER, draft, db, new Date(now.getTime() + 1000)));
    const attachments = [evidence, attachment].map((a) => ({ sha256: a.sha256, name: a.name }));
    providers.push({ provider: organisation.name, providerId: organisation.id, ownerEmails: [email], token, draftToken, attachments, versions });
  }

  const beheerder = userByEmail(db, "beheerder@demo.zorginkoop.nl");
  const outsider = must(
    "outsider organisation",
    createOrganisation(beheerder, { kind: "zorgaanbieder", name: CANARY_OUTSIDER.organisation, agbCode: CANARY_OUTSIDER.agbCode, kvkNumber: CANARY_OUTSIDER.agbCode, sectors: ["VV"], regionIds: [] }, db),
  ).id;
  must("outsider", await createUser(beheerder, { email: CANARY_OUTSIDER.email, name: "Bram Buiten", roles: ["zorgaanbieder"], organisationId: outsider, password }, db));
  return { kader: CANARY_KADER, providers };
}
