/** Everything a user reads is formatted the Dutch way; numbers come from scoring's exact formatters. */
export { formatEuro, formatNumber, formatPercent } from "../../scoring/format/nl";
export { formatDate, formatDateTime } from "./dates";
