/** Fictitious demo organisations. Names, AGB and KvK numbers are invented. */
export const DEMO_ZORGKANTOOR = "Zorgkantoor Demo";

export const DEMO_REGIONS = [
  { code: "DEMO-N", name: "Demo Noord" },
  { code: "DEMO-M", name: "Demo Midden" },
  { code: "DEMO-Z", name: "Demo Zuid" },
];

export const DEMO_PROVIDERS: { name: string; agbCode: string; kvkNumber: string; sectors: string[]; regions: string[] }[] = [
  { name: "Zorggroep De Linde", agbCode: "73730001", kvkNumber: "41100001", sectors: ["VV"], regions: ["DEMO-N", "DEMO-M"] },
  { name: "Stichting Het Baken", agbCode: "73730002", kvkNumber: "41100002", sectors: ["VV"], regions: ["DEMO-M"] },
  { name: "Thuiszorg Vechtstreek", agbCode: "73730003", kvkNumber: "41100003", sectors: ["VV"], regions: ["DEMO-Z"] },
  { name: "Woonzorg De Meander", agbCode: "73730004", kvkNumber: "41100004", sectors: ["VV"], regions: ["DEMO-N"] },
  { name: "Zorgcentrum Eikenhof", agbCode: "73730005", kvkNumber: "41100005", sectors: ["VV"], regions: ["DEMO-M", "DEMO-Z"] },
  { name: "Stichting Zonnehuis Oost", agbCode: "73730006", kvkNumber: "41100006", sectors: ["VV"], regions: ["DEMO-Z"] },
  { name: "Amaris Wonen en Zorg (fictief)", agbCode: "73730007", kvkNumber: "41100007", sectors: ["VV"], regions: ["DEMO-N"] },
  { name: "De Kleine Wereld Gehandicaptenzorg", agbCode: "22220008", kvkNumber: "41100008", sectors: ["GHZ"], regions: ["DEMO-M"] },
  { name: "Stichting Philadelphia-Demo", agbCode: "22220009", kvkNumber: "41100009", sectors: ["GHZ"], regions: ["DEMO-N", "DEMO-Z"] },
  { name: "Stichting Horizonwerk", agbCode: "22220010", kvkNumber: "41100010", sectors: ["GHZ"], regions: ["DEMO-Z"] },
  { name: "GGZ Beschermd Wonen Rivierenland", agbCode: "06060011", kvkNumber: "41100011", sectors: ["GGZ"], regions: ["DEMO-M"] },
  { name: "Lindehof GGZ Wonen", agbCode: "06060012", kvkNumber: "41100012", sectors: ["GGZ"], regions: ["DEMO-N"] },
];

export type DemoAccount = { email: string; name: string; roles: ("inkoper" | "beoordelaar" | "jurist" | "zorgaanbieder" | "beheerder")[]; organisation: string | null };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "beheerder@demo.zorginkoop.nl", name: "Bea Beheer", roles: ["beheerder"], organisation: null },
  { email: "inkoper@demo.zorginkoop.nl", name: "Ingrid Inkoop", roles: ["inkoper"], organisation: DEMO_ZORGKANTOOR },
  { email: "beoordelaar@demo.zorginkoop.nl", name: "Bram Beoordeel", roles: ["beoordelaar"], organisation: DEMO_ZORGKANTOOR },
  { email: "beoordelaar2@demo.zorginkoop.nl", name: "Bo Tweede", roles: ["beoordelaar"], organisation: DEMO_ZORGKANTOOR },
  { email: "jurist@demo.zorginkoop.nl", name: "Julia Jurist", roles: ["jurist"], organisation: DEMO_ZORGKANTOOR },
  { email: "aanbieder@demo.zorginkoop.nl", name: "Anton Aanbieder", roles: ["zorgaanbieder"], organisation: "Zorggroep De Linde" },
  { email: "aanbieder2@demo.zorginkoop.nl", name: "Anna Tweede", roles: ["zorgaanbieder"], organisation: "Stichting Het Baken" },
  // A second inkoper, so that the demo can open submissions with four eyes. Last in the list so
  // that the other accounts keep their ids.
  { email: "inkoper2@demo.zorginkoop.nl", name: "Olaf Opening", roles: ["inkoper"], organisation: DEMO_ZORGKANTOOR },
];
