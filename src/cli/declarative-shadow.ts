/**
 * Declarative shadow DOM for the command line. A browser's parser attaches `<template
 * shadowrootmode>` to its parent as a shadow root, and the reader sees that shadow tree, with each
 * `<slot>` showing the light children assigned to it; pages saved with their shadow trees (SingleFile
 * and other archivers serialise them so) keep their story in those templates. jsdom parses them as
 * plain templates, whose content no reader of the document sees, so the CLI lost the story and kept
 * light nodes no slot shows. This puts the composed tree in place, as the extension's click path
 * copies it from the live page (content/composed.ts): the host's children become the template's
 * content, each slot replaced by the light nodes assigned to it (`slot="name"`, else the default
 * slot) or by its own fallback; light nodes no slot takes go. Nested declarative roots are composed
 * as they come into the document. A page without such templates costs one element lookup.
 */
export function composeDeclarativeShadows(doc: Document): number {
  const pending: Element[] = [];
  const collect = (root: Document | DocumentFragment): void => {
    for (const t of Array.from(root.querySelectorAll('template[shadowrootmode], template[shadowroot]'))) pending.push(t);
  };
  if (!doc.getElementsByTagName('template').length) return 0;
  collect(doc);
  let composed = 0;
  for (let t = pending.shift(); t; t = pending.shift()) {
    const host = t.parentElement;
    if (!host || !t.isConnected) continue;
    t.remove();
    const tree = doc.importNode((t as HTMLTemplateElement).content, true);
    const light = Array.from(host.childNodes);
    const slotOf = (n: Node): string | null => (n.nodeType === 1 ? ((n as Element).getAttribute('slot') ?? '') : n.nodeType === 3 ? '' : null);
    for (const slot of Array.from(tree.querySelectorAll('slot'))) {
      const name = slot.getAttribute('name') ?? '';
      const assigned: Node[] = [];
      for (let i = 0; i < light.length; i++) {
        if (slotOf(light[i]) === name) assigned.push(...light.splice(i--, 1));
      }
      slot.replaceWith(...(assigned.length ? assigned : Array.from(slot.childNodes)));
    }
    collect(tree);
    host.replaceChildren(tree);
    composed++;
  }
  return composed;
}
