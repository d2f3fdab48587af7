// Parse every ```mermaid block of the Markdown files named on the command
// line with Mermaid's own parser (the npm package, pinned in
// package-lock.json), under Node with jsdom standing in for the browser.
// Prints one line per diagram, "ok <type>", and exits 1 on the first
// diagram Mermaid rejects. Used by plan/markdown's TestMermaidParse.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const blocks = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) {
    console.log(`error ${file}: no mermaid block`);
    failed = true;
  }
  for (const [i, block] of blocks.entries()) {
    try {
      const res = await mermaid.parse(block);
      console.log(`ok ${res.diagramType}`);
    } catch (e) {
      console.log(`error ${file} block ${i + 1}: ${e.message ?? e}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
