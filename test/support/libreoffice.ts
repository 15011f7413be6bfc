// LibreOffice as the tests run it: headless, converting DOCX to PDF, in a profile of the test's own
// (parallel runs do not clash), seeded so that LibreOffice skips its start-up graphics self-test.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * LibreOffice 7.2 and later draw some hundred test images (up to 4096 by 4096 pixels) at start-up
 * whenever the profile's last version is older than the running one (desktop/source/app/app.cxx,
 * `runGraphicsRenderTests`). Headless, it never records the version, so every conversion in a fresh
 * or reused profile paid for them: about 4.5 of the 5.8 CPU seconds a conversion of a one-line DOCX
 * took (LibreOffice 7.4, 2026-12-06). A last version above any real one skips them; the layout
 * and the PDF export do not read it.
 */
const skipGraphicsSelfTest = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>
</oor:items>
`;

/**
 * Converts DOCX files to PDF in one LibreOffice run (one start for all of them), each to
 * `outDir/NAME.pdf`; `profile` is a folder for LibreOffice's profile, made if missing.
 */
export function docxToPdf(
  files: readonly string[],
  outDir: string,
  options: { profile: string; timeout: number },
): void {
  const settings = join(options.profile, "user", "registrymodifications.xcu");
  if (!existsSync(settings)) {
    mkdirSync(join(options.profile, "user"), { recursive: true });
    writeFileSync(settings, skipGraphicsSelfTest);
  }
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${options.profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...files,
    ],
    { stdio: "pipe", timeout: options.timeout },
  );
}
