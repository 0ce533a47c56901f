/** The one door from app/ to the database: routes import this, never db/ directly. */
export { getDb, type Db } from "../../db/client.server";
export { appendAudit } from "../../db/audit.server";
