// The article editor: every field, the lead image upload, the schedule picker, the actions a role
// may take, the page preview, the conflict flow on 412 and the local draft of unsaved work.
import { el, show } from './dom.js';
import { ApiError } from './api.js';
import {
  changedFields, describeInstant, instantToLocalInput, localInputToInstant, orNull, sameContent, splitList, writable,
} from './article.js';
import { dropDraft, draftKey, keepDraft, keptDraft } from './drafts.js';
import { diffBlock } from './diffview.js';

const STATUS_TEXT = {
  draft: 'Draft', review: 'In review', scheduled: 'Scheduled', published: 'Published',
};

function field(id, label, control, help) {
  const helpId = help ? `${id}-help` : undefined;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    control,
    help && el('p', { class: 'help', id: helpId }, help));
}

function input(id, attributes = {}) {
  return el('input', { id, name: id, type: 'text', ...attributes });
}

/** A modal dialog with a heading, content and buttons; answers the id of the button pressed, or null. */
function ask(heading, content, buttons) {
  return new Promise((resolve) => {
    const headingId = `dialog-${Math.random().toString(36).slice(2)}`;
    const dialog = el('dialog', { class: 'dialog', 'aria-labelledby': headingId },
      el('h2', { id: headingId }, heading),
      content,
      el('div', { class: 'actions' }, buttons.map((b) => el('button', {
        type: 'button', id: b.id, class: b.danger ? 'danger' : b.primary ? 'primary' : undefined,
        onclick: () => { dialog.close(b.id); },
      }, b.label))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue && dialog.returnValue !== 'cancel' ? dialog.returnValue : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function problemList(error) {
  const items = [
    ...(error.problem?.violations ?? []).map((v) => `${v.path || 'the article'}: ${v.message}`),
    ...(error.problem?.reasons ?? []),
  ];
  return items.length ? el('ul', {}, items.map((text) => el('li', {}, text))) : null;
}

/**
 * Shows the editor for `slug` (null: a new article). `context` holds api, config, user, isEditor,
 * navigate(hash, { force }) and guard(fn), which registers the unsaved-work check of the screen.
 */
export async function articleEditor(main, context, slug) {
  const { api, config, user, isEditor } = context;
  const zone = config.timeZone ?? 'UTC';
  show(main, el('p', { class: 'muted' }, slug ? 'Loading the article…' : 'A new article…'));
  let stored = slug ? await api.get(slug) : null;
  const key = draftKey(user, slug);

  // --- the form -------------------------------------------------------------------------
  const section = el('select', { id: 'section', name: 'section', required: true },
    (config.sections ?? []).map((s) => el('option', { value: s.slug }, s.title)));
  const headline = input('headline', { required: true, maxlength: 200, 'aria-required': 'true' });
  const slugInput = input('slug', { maxlength: 80, pattern: '[a-z0-9]+(-[a-z0-9]+)*', disabled: Boolean(slug) });
  const standfirst = el('textarea', { id: 'standfirst', name: 'standfirst', rows: 2, maxlength: 600 });
  const body = el('textarea', { id: 'body', name: 'body', rows: 16, required: true, 'aria-required': 'true',
    class: 'markdown', spellcheck: 'true' });
  const authors = input('authors');
  const tags = input('tags');
  const source = input('source', { maxlength: 200 });

  const imageFile = el('input', { id: 'image-file', name: 'image-file', type: 'file',
    accept: 'image/jpeg,image/png,image/webp,image/gif,image/avif' });
  const imageStatus = el('p', { id: 'image-status', class: 'help', role: 'status' });
  const imageThumb = el('img', { id: 'image-thumb', class: 'thumb', alt: '', hidden: true });
  const imageAlt = input('image-alt', { maxlength: 300 });
  const imageCaption = input('image-caption', { maxlength: 600 });
  const imageCredit = input('image-credit', { maxlength: 200 });
  let imageSrc = null;
  const removeImage = el('button', { type: 'button', id: 'image-remove', onclick: () => {
    setImage(null);
    changed();
  } }, 'Remove image');

  const publishAt = el('input', { id: 'publish-at', name: 'publish-at', type: 'datetime-local', step: '1' });
  const publishAtUtc = el('output', { id: 'publish-at-utc', for: 'publish-at', 'aria-live': 'polite' });

  const errors = el('div', { id: 'form-errors', role: 'alert', class: 'errors' });
  const saved = el('p', { id: 'save-state', role: 'status', class: 'muted' });
  const recover = el('div', { id: 'recover', class: 'notice', hidden: true });

  function setImage(image) {
    imageSrc = image?.src ?? null;
    imageAlt.value = image?.alt ?? '';
    imageCaption.value = image?.caption ?? '';
    imageCredit.value = image?.credit ?? '';
    imageThumb.hidden = !imageSrc;
    if (imageSrc) imageThumb.src = imageSrc.startsWith('media/') ? `/${imageSrc}` : imageSrc;
    else imageThumb.removeAttribute('src');
    imageStatus.textContent = imageSrc ? `Lead image: ${imageSrc}` : 'No lead image.';
    removeImage.hidden = !imageSrc;
  }

  function fill(article) {
    const a = writable(article);
    section.value = a.section ?? config.sections?.[0]?.slug ?? '';
    headline.value = a.headline ?? '';
    slugInput.value = a.slug ?? '';
    standfirst.value = a.standfirst ?? '';
    body.value = a.body ?? '';
    authors.value = a.authors.join(', ');
    tags.value = a.tags.join(', ');
    source.value = a.source ?? '';
    setImage(a.image);
    publishAt.value = instantToLocalInput(a.publishAt, zone);
    showUtc();
  }

  /** The article the form holds, with the stored status and time unless an action sets them. */
  function current() {
    return {
      section: section.value,
      slug: slug ?? orNull(slugInput.value),
      headline: headline.value.trim(),
      standfirst: orNull(standfirst.value),
      body: body.value,
      image: imageSrc ? { src: imageSrc, alt: orNull(imageAlt.value), caption: orNull(imageCaption.value),
        credit: orNull(imageCredit.value) } : null,
      authors: splitList(authors.value).length ? splitList(authors.value) : null, // the API wants 1..10 or none
      tags: splitList(tags.value),
      source: orNull(source.value),
      status: stored?.status ?? 'draft',
      publishAt: stored?.publishAt ?? null,
    };
  }

  function showUtc() {
    const at = localInputToInstant(publishAt.value, zone);
    publishAtUtc.textContent = at ? `= ${describeInstant(at, zone)}` : '';
  }

  const isDirty = () => !sameContent(current(), stored ?? { section: section.value, status: 'draft', authors: [], tags: [],
    body: '', headline: '' });

  let draftTimer;
  function changed() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => {
      if (isDirty()) keepDraft(localStorage, key, current(), stored?.version ?? 0);
      else dropDraft(localStorage, key);
    }, 300);
    saved.textContent = isDirty() ? 'Unsaved changes (kept in this browser until saved).' : savedText();
    schedulePreview();
  }
  const savedText = () => (stored ? `Saved: version ${stored.version}.` : 'Not saved yet.');

  // --- the preview -----------------------------------------------------------------------
  const preview = el('iframe', { id: 'preview', title: 'Preview of the published page', sandbox: '',
    referrerpolicy: 'no-referrer', loading: 'lazy' });
  const previewState = el('p', { id: 'preview-state', class: 'muted', role: 'status' });
  // Unsaved work is previewed by POSTing it to the preview endpoint (nothing is stored); where
  // the API has no such route, the preview shows the last saved version.
  let livePreview = true;
  let previewRun = 0;
  let previewTimer;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 600);
  }
  async function refreshPreview() {
    if (!stored) {
      previewState.textContent = 'Create the draft to see its page.';
      return;
    }
    const run = ++previewRun;
    const unsaved = isDirty();
    previewState.textContent = 'Rendering the page…';
    try {
      let html = null;
      if (unsaved && livePreview) {
        try {
          html = await api.previewOf(stored.slug, current());
        } catch (error) {
          if (error.status === 400) {
            if (run === previewRun) previewState.textContent = 'The preview waits until the article is valid again.';
            return;
          }
          if (error.status !== 404 && error.status !== 405) throw error;
          livePreview = false;
        }
      }
      const live = html !== null;
      if (!live) html = await api.preview(stored.slug);
      if (run !== previewRun) return;
      // The API renders the page as readers would see it; the sandbox (no scripts, an opaque
      // origin) and the app's policy keep it inert.
      preview.srcdoc = html;
      previewState.textContent = live ? 'Your unsaved changes, as the site would show them.'
        : `The page of version ${stored.version}, as the site will show it.`;
    } catch (error) {
      if (run === previewRun) previewState.textContent = `No preview: ${error.message}`;
    }
  }

  // --- saving and the actions ------------------------------------------------------------
  function validate(article, action) {
    const problems = [];
    if (!article.headline) problems.push(['headline', 'The headline is required.']);
    if (!article.body.trim()) problems.push(['body', 'The body is required.']);
    if (article.image && !article.image.alt) problems.push(['image-alt', 'The lead image needs alt text.']);
    if (article.image && !article.image.caption) problems.push(['image-caption', 'The lead image needs a caption.']);
    if (action === 'schedule') {
      const at = localInputToInstant(publishAt.value, zone);
      if (!at) problems.push(['publish-at', 'Choose the date and time to publish.']);
      else if (Date.parse(at) <= Date.now()) problems.push(['publish-at', 'Choose a time in the future.']);
    }
    return problems;
  }

  function showProblems(problems, error) {
    show(errors,
      el('h2', {}, 'The article was not saved'),
      problems.length > 0 && el('ul', {}, problems.map(([id, text]) => el('li', {},
        el('a', { href: `#${id}`, onclick: (e) => { e.preventDefault(); document.getElementById(id)?.focus(); } }, text)))),
      error && el('p', {}, error.message),
      error && problemList(error));
    for (const [id] of problems) document.getElementById(id)?.setAttribute('aria-invalid', 'true');
    errors.focus();
  }

  async function write(article, version) {
    return stored ? api.save(stored.slug, article, version) : api.create(article);
  }

  async function done(result, message) {
    const wasNew = !stored;
    stored = result;
    dropDraft(localStorage, key);
    if (wasNew) {
      context.navigate(`#/articles/${encodeURIComponent(result.slug)}`, { force: true });
      return;
    }
    fill(stored);
    header();
    buttons();
    saved.textContent = `${message} ${savedText()}`;
    await refreshPreview();
  }

  async function act(action, changes = {}) {
    show(errors);
    document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    const article = { ...current(), ...changes };
    const problems = validate(article, action);
    if (problems.length) {
      showProblems(problems);
      return;
    }
    saved.textContent = 'Saving…';
    try {
      const result = await write(article, stored?.version);
      await done(result, MESSAGES[action] ?? 'Saved.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await conflict(article);
      } else {
        saved.textContent = '';
        showProblems([], error);
      }
    }
  }

  const MESSAGES = {
    save: 'Saved.', review: 'Submitted for review.', publish: 'Published.', schedule: 'Scheduled.',
    unpublish: 'Unpublished: the page is taken down.', move: 'Moved: the old address redirects here.',
  };

  /** Someone saved since this form was loaded: show what they changed; reload, or overwrite knowingly. */
  async function conflict(mine) {
    const theirs = await api.get(stored.slug);
    const fields = changedFields(stored, theirs);
    const choice = await ask('Someone else saved this article', el('div', { id: 'conflict' },
      el('p', {}, `While you were editing, version ${theirs.version} was saved`,
        theirs.updatedAt ? ` at ${describeInstant(theirs.updatedAt, zone)}` : '', '.'),
      el('p', {}, fields.length ? `They changed: ${fields.join(', ')}.` : 'They changed no field you can see.'),
      el('h3', {}, 'What they changed'),
      diffBlock(stored, theirs, { id: 'conflict-theirs', label: 'What they changed' }),
      el('h3', {}, 'Your version against theirs'),
      diffBlock(theirs, mine, { id: 'conflict-mine', label: 'Your version against theirs' }),
      el('p', { class: 'help' }, 'Reloading keeps your version in this browser: you can recover it afterwards.')),
    [
      { id: 'conflict-reload', label: 'Reload their version', primary: true },
      { id: 'conflict-overwrite', label: 'Overwrite with mine', danger: true },
      { id: 'cancel', label: 'Decide later' },
    ]);
    if (choice === 'conflict-reload') {
      keepDraft(localStorage, key, mine, theirs.version);
      stored = theirs;
      fill(stored);
      header();
      buttons();
      saved.textContent = `Reloaded version ${theirs.version}. ${savedText()}`;
      offerRecovery();
      await refreshPreview();
    } else if (choice === 'conflict-overwrite') {
      try {
        await done(await api.save(stored.slug, mine, theirs.version), 'Saved over their version.');
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) await conflict(mine);
        else showProblems([], error);
      }
    } else {
      saved.textContent = `Not saved: version ${theirs.version} is newer than yours.`;
    }
  }

  async function move() {
    const target = el('select', { id: 'move-section' },
      (config.sections ?? []).filter((s) => s.slug !== stored.section).map((s) => el('option', { value: s.slug }, s.title)));
    const choice = await ask('Move the article to another section', el('div', {},
      field('move-section', 'New section', target),
      el('p', { id: 'move-note' }, `Its address changes from /${stored.section}/${stored.slug}/. `,
        'The old address keeps a redirect to the new one, so links to it keep working.')),
    [{ id: 'move-confirm', label: 'Move', primary: true }, { id: 'cancel', label: 'Cancel' }]);
    if (choice === 'move-confirm') await act('move', { section: target.value });
  }

  async function remove() {
    const choice = await ask(`Delete “${stored.headline}”?`, el('p', {},
      stored.status === 'published' ? 'Its page is taken off the site and out of every listing. ' : '',
      'The article leaves the newsroom; its earlier versions are kept.'),
    [{ id: 'delete-confirm', label: 'Delete', danger: true }, { id: 'cancel', label: 'Keep it' }]);
    if (choice !== 'delete-confirm') return;
    try {
      await api.remove(stored.slug, stored.version);
      dropDraft(localStorage, key);
      context.navigate('#/', { force: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        showProblems([], new Error('Someone else saved this article since you opened it: reload it before deleting.'));
      } else {
        showProblems([], error);
      }
    }
  }

  // --- upload ----------------------------------------------------------------------------
  imageFile.addEventListener('change', async () => {
    const file = imageFile.files?.[0];
    if (!file) return;
    imageStatus.textContent = `Uploading ${file.name}…`;
    try {
      const grant = await api.upload(file);
      setImage({ src: grant.src, alt: imageAlt.value, caption: imageCaption.value, credit: imageCredit.value });
      imageThumb.src = grant.url;
      imageStatus.textContent = `Uploaded ${file.name}. Add its alt text and caption.`;
      changed();
      imageAlt.focus();
    } catch (error) {
      imageStatus.textContent = `The upload failed: ${error.message}`;
    }
  });

  // --- layout ----------------------------------------------------------------------------
  const heading = el('h1', { id: 'editor-heading' });
  const meta = el('p', { class: 'meta', id: 'editor-meta' });
  function header() {
    heading.textContent = stored ? `Edit: ${stored.headline}` : 'New article';
    show(meta, stored && [
      el('span', { class: `status status-${stored.status}`, id: 'editor-status' }, STATUS_TEXT[stored.status] ?? stored.status),
      ` /${stored.section}/${stored.slug}/ · version ${stored.version}`,
      stored.publishAt ? ` · publish at ${describeInstant(stored.publishAt, zone)}` : '',
      stored.createdBy ? ` · created by ${stored.createdBy}` : '',
      ' · ', el('a', { href: `#/articles/${encodeURIComponent(stored.slug)}/revisions`, id: 'revisions-link' }, 'Revisions'),
    ]);
  }

  const toolbar = el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Article actions' });
  function button(id, label, onclick, kind) {
    return el('button', { type: 'button', id, class: kind, onclick }, label);
  }
  function buttons() {
    const status = stored?.status ?? 'draft';
    const writerMayEdit = isEditor || status === 'draft' || status === 'review';
    show(toolbar,
      writerMayEdit && button('save', stored ? 'Save' : 'Create draft', () => act('save'), 'primary'),
      (status === 'draft') && button('submit-review', 'Submit for review', () => act('review', { status: 'review' })),
      isEditor && button('publish', status === 'published' ? 'Save and keep published' : 'Publish now', () => act('publish', {
        status: 'published',
        publishAt: stored?.publishAt && Date.parse(stored.publishAt) <= Date.now() ? stored.publishAt : null,
      })),
      isEditor && button('schedule', 'Schedule', () => act('schedule', {
        status: 'scheduled', publishAt: localInputToInstant(publishAt.value, zone),
      })),
      isEditor && stored && (status === 'published' || status === 'scheduled')
        && button('unpublish', status === 'published' ? 'Unpublish' : 'Unschedule', () => act('unpublish', { status: 'draft' })),
      isEditor && stored && button('move', 'Move…', move),
      isEditor && stored && button('delete', 'Delete…', remove, 'danger'),
      !writerMayEdit && el('p', { class: 'help' }, 'Only editors may change a scheduled or published article.'));
  }

  const schedule = isEditor && el('fieldset', { class: 'schedule' },
    el('legend', {}, 'Schedule'),
    field('publish-at', `Publish at (newsroom time, ${zone})`, publishAt,
      'Used by “Schedule”. The time is the newsroom’s; the line below gives it in UTC too.'),
    publishAtUtc);

  show(main,
    el('p', {}, el('a', { href: '#/' }, '← All articles')),
    heading, meta, recover, errors,
    el('div', { class: 'editor' },
      el('form', { id: 'editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); act('save'); },
        oninput: changed, onchange: changed },
      field('section', 'Section', section),
      field('headline', 'Headline', headline),
      field('slug', 'Slug', slugInput, slug ? 'An article keeps its slug; “Move” changes its section.'
        : 'Optional: made from the headline when left empty (a-z, 0-9, hyphens).'),
      field('standfirst', 'Standfirst', standfirst),
      field('body', 'Body (Markdown)', body, 'Paragraphs, *emphasis*, **strong**, [links](https://…), lists, > quotes. Raw HTML is removed.'),
      el('fieldset', { class: 'image' },
        el('legend', {}, 'Lead image'),
        field('image-file', 'Upload an image (JPEG, PNG, WebP, GIF or AVIF, up to 10 MiB)', imageFile),
        imageStatus, imageThumb, removeImage,
        field('image-alt', 'Alt text (required with an image)', imageAlt),
        field('image-caption', 'Caption (required with an image)', imageCaption),
        field('image-credit', 'Credit', imageCredit)),
      field('authors', 'Authors', authors, 'Separate names with commas.'),
      field('tags', 'Tags', tags, 'Separate tags with commas.'),
      field('source', 'Source', source),
      schedule,
      toolbar,
      saved),
      el('section', { class: 'preview', 'aria-labelledby': 'preview-heading' },
        el('h2', { id: 'preview-heading' }, 'Preview'),
        el('p', { class: 'help' }, 'The page as readers will see it, rendered by the API as you type.'),
        el('button', { type: 'button', id: 'preview-refresh', onclick: refreshPreview }, 'Refresh preview'),
        previewState, preview)));
  errors.setAttribute('tabindex', '-1');
  publishAt.addEventListener('input', showUtc);

  fill(stored ?? { section: config.sections?.[0]?.slug, status: 'draft' });
  header();
  buttons();
  saved.textContent = savedText();

  function offerRecovery() {
    const draft = keptDraft(localStorage, key);
    if (!draft || sameContent(draft.article, current())) {
      recover.hidden = true;
      return;
    }
    const newer = stored && draft.baseVersion !== stored.version
      ? ` It was written over version ${draft.baseVersion}; the article is now at version ${stored.version}.` : '';
    show(recover,
      el('p', {}, `Unsaved work from ${new Date(draft.savedAt).toLocaleString()} was kept in this browser.${newer}`),
      el('button', { type: 'button', id: 'recover-draft', class: 'primary', onclick: () => {
        fill({ ...draft.article, status: stored?.status, publishAt: draft.article.publishAt });
        recover.hidden = true;
        changed();
        headline.focus();
      } }, 'Recover it'),
      ' ',
      el('button', { type: 'button', id: 'discard-draft', onclick: () => {
        dropDraft(localStorage, key);
        recover.hidden = true;
        headline.focus();
      } }, 'Discard it'));
    recover.hidden = false;
  }
  offerRecovery();
  context.guard(() => !isDirty());
  await refreshPreview();
}
