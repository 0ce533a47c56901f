// Preloaded (`--import`) into a measured process: at exit it writes its peak memory (max RSS,
// kB) to the file named by MAX_RSS_FILE, so the bench reads the child's own figure.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
