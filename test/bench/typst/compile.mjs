// One cold Typst compile, as a whole process: NAME.typ in, a tagged PDF/UA-1 out (the fonts are
// Folio's own faces, from the folder given). Timed against `folio build --formats pdf`.
import { readFileSync, writeFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const [input, output, fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });
const pdf = compiler.pdf({ mainFileContent: readFileSync(input, "utf8") }, { pdfStandard: "ua-1" });
writeFileSync(output, pdf);
