/** `initiative 'X'` → `Initiative 'X'`: messages start with a capital, Markdown keys are written `Owner:`. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
