// A JSON object answer whose bulk is one array (an EEM's `{"devices": [...], "timestamp": ...}`),
// read as it arrives: the elements of the named array are handed on a chunk at a time, so a
// 10,000-board listing (6.6 MB) never lives whole, as text or parsed. Hand-written because the job
// is small and this project adds no dependency for it: this only finds where elements end;
// JSON.parse still parses every byte, the elements a run at a time and the rest of the answer (the
// "envelope") with the array left empty, so an answer is accepted exactly when it is valid JSON.
//
// Two ways to find where elements end. Skimming, the usual one inside the array: the last `},` of
// a chunk may end an element; the bytes from the last cut up to it parse as a run of elements only
// if it does (a `},` inside an element or a string leaves a bracket or a string open), so the parse
// is the test, and no byte is looked at in JavaScript. Scanning, byte by byte (strings and depth),
// for the envelope, and for what skimming cannot cut: a chunk whose candidate does not parse, or
// elements that are not objects.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** Where an object element may end, the comma after it included. */
const CANDIDATE_END = Buffer.from('},');
/** Bytes skimming holds without a cut before it scans them instead: one element is far smaller. */
const MAX_AHEAD = 1 << 20;

export class JsonArrayItems {
  /** Open objects and arrays at the scan position. */
  private depth = 0;
  private inString = false;
  /** Bytes to skip at the start of the next chunk: an escape's second byte, when a chunk ends between them. */
  private skip = 0;
  /** Inside the named array, whose elements are at depth 2. */
  private inArray = false;
  private seenArray = false;
  /** An element has begun and has not ended. */
  private inElement = false;
  /** A comma was read and the element after it has not begun. */
  private afterComma = false;
  /** The elements scanned in this chunk, not parsed yet: one JSON.parse for the run of them. */
  private run: { from: number; to: number } | null = null;
  /** Everything outside the named array's elements. */
  private envelope: Buffer[] = [];
  /** Skimming: the bytes since the last cut, which starts at an element (or before the array's first); null while scanning. */
  private ahead: Buffer[] | null = null;
  private aheadBytes = 0;
  /** Where the string just read at depth 1 started in the envelope, and the key that a colon made of it. */
  private stringStart = 0;
  private lastString: [number, number] | null = null;
  private key: string | null = null;
  private readonly name: string;

  /** `name`: the key, in the top-level object, of the array whose elements are handed on. */
  constructor(name: string, private readonly each: (element: unknown) => void) {
    this.name = name;
  }

  /** Reads a chunk; throws a SyntaxError where it is not JSON, or what `each` throws. */
  push(chunk: Buffer): void {
    if (this.ahead === null) this.scan(chunk);
    else this.skim(chunk);
  }

  /** The answer without the array's elements, parsed: what the caller checks of the rest. */
  end(): unknown {
    if (this.ahead !== null) this.scanAhead(); // the last elements, the array's end and the envelope's
    if (this.inString || this.inArray) throw new SyntaxError('the answer ends early');
    return JSON.parse(Buffer.concat(this.envelope).toString('utf8'));
  }

  private skim(chunk: Buffer): void {
    const ahead = this.ahead!;
    ahead.push(chunk);
    this.aheadBytes += chunk.length;
    const cut = chunk.lastIndexOf(CANDIDATE_END);
    if (cut === -1 && this.aheadBytes <= MAX_AHEAD) return;
    const elements = cut === -1 ? null : parsedRun(Buffer.concat([...ahead.slice(0, -1), chunk.subarray(0, cut + 1)]));
    if (elements === null) {
      this.scanAhead();
      return;
    }
    this.ahead = [chunk.subarray(cut + 2)];
    this.aheadBytes = this.ahead[0]!.length;
    this.afterComma = true;
    for (const element of elements) this.each(element);
  }

  /** From scanning to skimming, inside the array: `begun` is an element not ended yet, if any. */
  private startSkimming(begun?: Buffer): void {
    this.ahead = begun ? [begun] : [];
    this.aheadBytes = begun?.length ?? 0;
    this.inElement = false;
    this.inString = false;
    this.depth = 2;
    this.skip = 0;
  }

  private scanAhead(): void {
    const bytes = Buffer.concat(this.ahead!);
    this.ahead = null;
    this.scan(bytes);
  }

  private scan(chunk: Buffer): void {
    let i = this.skip;
    this.skip = 0;
    // Scanning starts outside the array, or inside it between two elements (see startSkimming).
    let outsideFrom = this.inArray ? -1 : 0;
    let elementFrom = -1;
    const length = chunk.length;
    while (i < length) {
      if (this.inArray && this.depth > 2) {
        i = this.crossElement(chunk, i);
        continue;
      }
      if (this.inString) {
        // To the string's end (a backslash escapes the next byte).
        for (; i < length; i++) {
          const b = chunk[i];
          if (b === QUOTE) break;
          if (b === BACKSLASH) i++;
        }
        if (i >= length) break;
        this.inString = false;
        i++;
        if (this.depth === 1 && outsideFrom !== -1) this.lastString = [this.stringStart, this.envelopeLength(outsideFrom, i)];
        continue;
      }
      const b = chunk[i]!;
      if (this.inArray && this.depth === 2 && !this.inElement && !isSpace(b) && b !== COMMA && b !== CLOSE_ARRAY) {
        this.inElement = true;
        this.afterComma = false;
        elementFrom = i;
      }
      if (b === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && outsideFrom !== -1) this.stringStart = this.envelopeLength(outsideFrom, i);
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        this.depth++;
        if (b === OPEN_ARRAY && this.depth === 2 && this.key === this.name) {
          if (this.seenArray) throw new SyntaxError(`"${this.name}" appears twice`);
          this.seenArray = this.inArray = true;
          this.envelope.push(chunk.subarray(outsideFrom, i + 1));
          // The elements are skimmed from the first.
          this.startSkimming();
          this.skim(chunk.subarray(i + 1));
          return;
        }
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        if (this.inArray && this.depth === 2) {
          this.endElement(elementFrom, i, false);
          this.parseRun(chunk);
          this.inArray = false;
          outsideFrom = i;
        }
        this.depth--;
      } else if (b === COMMA && this.inArray && this.depth === 2) {
        this.endElement(elementFrom, i, true);
        this.afterComma = true;
      } else if (b === COLON && this.depth === 1) {
        this.key = this.lastString ? this.keyAt(chunk, outsideFrom, i, this.lastString) : null;
      }
      i++;
    }
    this.skip = Math.max(0, i - length);
    if (outsideFrom !== -1) this.envelope.push(chunk.subarray(outsideFrom));
    this.parseRun(chunk);
    if (this.inArray) this.startSkimming(this.inElement ? chunk.subarray(elementFrom) : undefined);
  }

  /**
   * Inside an element, deeper than the array: only strings and nesting matter until the element
   * closes, so this loop is kept tight. Returns where the scan goes on.
   */
  private crossElement(chunk: Buffer, from: number): number {
    let depth = this.depth;
    let inString = this.inString;
    let i = from;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (inString) {
        if (b === QUOTE) inString = false;
        else if (b === BACKSLASH) i++;
      } else if (b === QUOTE) {
        inString = true;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        depth++;
      } else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 2) {
        i++;
        break;
      }
    }
    this.depth = depth;
    this.inString = inString;
    return i;
  }

  private endElement(from: number, to: number, comma: boolean): void {
    if (!this.inElement) {
      // `[,` `,,` `,]`: a separator with no element before it (`[]` is the one empty array)
      if (comma || this.afterComma) throw new SyntaxError(`an empty element in "${this.name}"`);
      return;
    }
    this.inElement = false;
    this.run = { from: this.run?.from ?? from, to };
  }

  /** The run's bytes are elements and the separators between them: as an array, they parse at once. */
  private parseRun(chunk: Buffer): void {
    if (this.run === null) return;
    const elements = JSON.parse(`[${chunk.toString('utf8', this.run.from, this.run.to)}]`) as unknown[];
    this.run = null;
    for (const element of elements) this.each(element);
  }

  private envelopeLength(outsideFrom: number, at: number): number {
    return this.envelope.reduce((n, b) => n + b.length, 0) + at - outsideFrom;
  }

  /** The key a colon ends: the string just read at depth 1, decoded (it is in the envelope). */
  private keyAt(chunk: Buffer, outsideFrom: number, at: number, [start, end]: [number, number]): string {
    const text = Buffer.concat([...this.envelope, chunk.subarray(outsideFrom, at)]).subarray(start, end);
    return JSON.parse(text.toString('utf8')) as string;
  }
}

/** Elements and the commas between them, parsed as one array; null when they are not that. */
function parsedRun(bytes: Buffer): unknown[] | null {
  try {
    return JSON.parse(`[${bytes.toString('utf8')}]`) as unknown[];
  } catch {
    return null;
  }
}
