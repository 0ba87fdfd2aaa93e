import { fromMarkdown } from 'mdast-util-from-markdown';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
const show = (src: string) => { const tree: any = fromMarkdown(src, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] }); console.log(JSON.stringify(src), '=>', JSON.stringify(tree.children.map((c: any) => c.type === 'paragraph' ? ['p', c.children.map((x: any) => x.type + ':' + (x.value ?? '').slice(0, 20))] : [c.type, c.meta ?? '', (c.value ?? '').slice(0, 30)]))); };
show('text\n$$\nx\n$$\nmore');
show('$$\\begin{aligned}\na\n\\end{aligned}\n$$');
show('- item\n\n  $$\n  x\n  $$');
show('> $$\n> x\n> $$');
show('$$\nx\n$$ {#eq-a}\n\ny');
