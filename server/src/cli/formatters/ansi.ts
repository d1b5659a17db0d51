/**
 * The few ANSI styles the stylish formatter uses. Written out rather than pulled from chalk: the CLI
 * bundle stays dependency-light, and colour is decided once by the caller (`--no-color`, TTY).
 */
export interface Style {
  (text: string): string;
}

export interface Palette {
  red: Style;
  yellow: Style;
  cyan: Style;
  dim: Style;
  bold: Style;
  underline: Style;
}

function style(open: number, close: number): Style {
  return (text) => (text ? `\u001b[${open}m${text}\u001b[${close}m` : text);
}

const COLOURED: Palette = {
  red: style(31, 39),
  yellow: style(33, 39),
  cyan: style(36, 39),
  dim: style(2, 22),
  bold: style(1, 22),
  underline: style(4, 24),
};

const identity: Style = (text) => text;
const PLAIN: Palette = { red: identity, yellow: identity, cyan: identity, dim: identity, bold: identity, underline: identity };

export function palette(color: boolean): Palette {
  return color ? COLOURED : PLAIN;
}
