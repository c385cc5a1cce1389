import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { decodeWinAnsi } from './text.js';

/**
 * The text drawn on each page of a PDF made here, one string per page, one line per
 * text-showing operator. It reads the (compressed) content streams back and decodes
 * the WinAnsi strings pdf-lib writes for the standard fonts, so a test can check what
 * a printed page really says — or does not say, such as a household's names.
 */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const lines: string[] = [];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const operators = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const m of operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(decodeWinAnsi(Buffer.from(m[1]!, 'hex')));
    }
    return lines.join('\n');
  });
}
