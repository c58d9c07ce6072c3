// A line diff of two articles (jsdiff), drawn with <ins>/<del> and text nodes only.
import { diffLines } from 'diff';
import { articleText } from './article.js';
import { el } from './dom.js';

/** Added and removed lines between two article texts, as [{ kind: 'added'|'removed'|'same', text }]. */
export function lineChanges(before, after) {
  return diffLines(articleText(before), articleText(after)).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

/** The diff as a block: unchanged runs of more than 6 lines are folded to their ends. */
export function diffBlock(before, after, { id, label }) {
  const nodes = [];
  for (const change of lineChanges(before, after)) {
    if (change.kind === 'added') {
      nodes.push(el('ins', {}, el('span', { class: 'sr-only' }, 'Added: '), change.text));
    } else if (change.kind === 'removed') {
      nodes.push(el('del', {}, el('span', { class: 'sr-only' }, 'Removed: '), change.text));
    } else {
      const lines = change.text.split('\n');
      nodes.push(lines.length > 8
        ? el('span', { class: 'same' }, `${lines.slice(0, 3).join('\n')}\n…\n${lines.slice(-4).join('\n')}`)
        : el('span', { class: 'same' }, change.text));
    }
  }
  return el('div', { class: 'diff', id, role: 'region', 'aria-label': label, tabindex: '0' }, nodes);
}
