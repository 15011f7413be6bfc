import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { previewPage } from "./page.ts";

export interface PreviewServer {
  url: string;
  /** Tells every open preview to reload its frames (and clear a failure it shows). */
  reload(): void;
  /** Tells every open preview the last build failed, with the messages the terminal printed. */
  failed(messages: string): void;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".json": "application/json",
};

/** A server-sent `failed` event: each line of the messages is one `data:` line. */
function failureEvent(messages: string): string {
  return `event: failed\n${messages
    .split("\n")
    .map((line) => `data: ${line}`)
    .join("\n")}\n\n`;
}

/**
 * Serves the preview page, the built artifacts of one report (read from the output folder on
 * each request, so a frame always shows the last complete build) and a server-sent event stream
 * that says when to reload. Listens on 127.0.0.1 only: the preview is never on the network.
 */
export async function startPreviewServer(options: {
  outDir: string;
  name: string;
  port: number;
}): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let lastFailure: string | undefined;
  const allowed = new Set(
    [".html", ".pdf", ".docx", ".factsheet.pdf", ".factsheet.html"].map((s) => `${options.name}${s}`),
  );
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": types[".html"], "cache-control": "no-store" });
      response.end(previewPage(options.name));
      return;
    }
    if (url.pathname === "/events") {
      response.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      response.write(": connected\n\n");
      // A preview opened after a failed build sees the failure at once.
      if (lastFailure !== undefined) response.write(failureEvent(lastFailure));
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    const file = decodeURIComponent(url.pathname.slice(1));
    if (!allowed.has(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    try {
      const bytes = await readFile(join(options.outDir, file));
      const ext = file.slice(file.lastIndexOf("."));
      response.writeHead(200, {
        "content-type": types[ext] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(bytes);
    } catch {
      response.writeHead(404).end("not built yet");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    reload() {
      lastFailure = undefined;
      for (const client of clients) client.write(`data: ${Date.now()}\n\n`);
    },
    failed(messages) {
      lastFailure = messages;
      for (const client of clients) client.write(failureEvent(messages));
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
