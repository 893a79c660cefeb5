// Reads a bash script the way the language tests need it: what it runs apart from what it says.
// A small lexer, not a parser: it knows comments, single and double quotes, backslashes, and the
// expansions inside double quotes ($name, ${…}, $(…) with quotes of its own), which is all the
// site's scripts use. Heredoc bodies are read as script text; the configs in them have `#`
// comments and double quotes too, so they split the same way.

export interface BashText {
  /**
   * The words outside quotes (commands, options, file names, redirections) in order, and for each
   * quoted string one entry: its expansions (sorted, `${name}` written `$name`) and printf
   * conversions. Two scripts with the same skeleton run the same commands on the same values;
   * only their comments and the words in their messages may differ.
   */
  skeleton: string[];
  /** Every comment, without its `#`. */
  comments: string[];
  /** The text of every quoted string with its expansions cut out, in order (one per skeleton entry "Q…"). */
  quoted: string[];
}

function closingParen(source: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") i = source.indexOf("'", i + 1) + 1;
    else if (c === '"') i = readDouble(source, i + 1).end;
    else {
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new Error(`unclosed $( at ${open}`);
}

function closingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unclosed \${ at ${open}`);
}

function readDouble(source: string, start: number): { end: number; text: string; expansions: string[] } {
  let i = start;
  let text = '';
  const expansions: string[] = [];
  while (i < source.length && source[i] !== '"') {
    const c = source[i]!;
    if (c === '\\') {
      text += source.slice(i, i + 2);
      i += 2;
    } else if (c === '$' && source[i + 1] === '(') {
      const end = closingParen(source, i + 1);
      expansions.push(source.slice(i, end));
      i = end;
    } else if (c === '$' && source[i + 1] === '{') {
      const end = closingBrace(source, i + 1);
      expansions.push(source.slice(i, end).replace(/^\$\{([A-Za-z_]\w*)\}$/, '$$$1'));
      i = end;
    } else {
      const name = /^\$(?:[A-Za-z_]\w*|[0-9*@#?$!-])/.exec(source.slice(i))?.[0];
      if (name) expansions.push(name);
      else text += c;
      i += name?.length ?? 1;
    }
  }
  return { end: i + 1, text, expansions };
}

/** Splits a bash script into what it runs (skeleton) and what it says (comments, quoted text). */
export function readBash(source: string): BashText {
  const out: BashText = { skeleton: [], comments: [], quoted: [] };
  let word = '';
  const flush = () => {
    if (word) out.skeleton.push(word);
    word = '';
  };
  const quoted = (text: string, expansions: string[]) => {
    flush();
    const conversions = text.match(/%[-0-9.]*[sdq]|\\n/g) ?? [];
    out.skeleton.push(`Q[${[...expansions].sort().join(' ')}|${conversions.join(' ')}]`);
    out.quoted.push(text);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      flush();
      i++;
    } else if (c === '#' && word === '') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out.comments.push(source.slice(i + 1, stop).trim());
      i = stop;
    } else if (c === '\\') {
      word += source.slice(i, i + 2);
      i += 2;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' at ${i}`);
      quoted(source.slice(i + 1, end), []);
      i = end + 1;
    } else if (c === '"') {
      const double = readDouble(source, i + 1);
      quoted(double.text, double.expansions);
      i = double.end;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return out;
}
