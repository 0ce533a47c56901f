/** The provider's inschrijving pages, for links on the server and in the browser alike. */
export function formPath(slug: string): string {
  return `/kaders/${encodeURIComponent(slug)}/inschrijving`;
}

export function receiptPath(slug: string, version: number): string {
  return `${formPath(slug)}/ontvangstbewijs/${version}`;
}
