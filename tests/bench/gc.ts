// A full garbage collection between benchmark timings, so that no timing pays
// for the previous one's garbage (v8's gc, reached without a command-line flag).
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

export function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
