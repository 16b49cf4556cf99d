import { errors } from '../http';
import type { FakeLabelRecord } from '../types';
import type { ApiRoute } from './route';

// Chatwoot v4.15.1, `app/models/label.rb`: the title is downcased before validation, must be letters, digits, `-`
// and `_` only (`RegexHelper::UNICODE_CHARACTER_NUMBER_HYPHEN_UNDERSCORE`), and is unique per account.
const TITLE = /^[\p{L}\p{N}_-]+$/u;

/** `app/views/api/v1/accounts/labels/index.json.jbuilder` (and show/create/update, one label each). */
function presentLabel(label: FakeLabelRecord) {
  const { id, title, description, color, show_on_sidebar } = label;
  return { id, title, description, color, show_on_sidebar };
}

/**
 * Account labels, as `app/controllers/api/v1/accounts/labels_controller.rb` serves them: agents may list them
 * (`LabelPolicy#index?`), only administrators create them; the list is ordered by title (the model's default scope).
 */
export const labelRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/labels',
    handle: (context) => ({
      body: {
        payload: [...context.db.labels.values()]
          .filter((label) => label.accountId === context.account.id)
          .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
          .map(presentLabel),
      },
    }),
  },
  {
    method: 'POST',
    path: '/labels',
    adminOnly: true,
    handle(context) {
      const input = context.body.label;
      // `params.require(:label)`: Rails answers 400 for a missing key; the stand-in says the same in one line.
      if (!input || typeof input !== 'object') throw errors.unprocessable('param is missing or the value is empty: label');
      const fields = input as Record<string, unknown>;
      const title = typeof fields.title === 'string' ? fields.title.toLowerCase() : '';
      const problems: Array<{ attribute: string; message: string }> = [];
      if (title === '') problems.push({ attribute: 'title', message: "Title can't be blank" });
      else if (!TITLE.test(title)) problems.push({ attribute: 'title', message: 'Title is invalid' });
      else if ([...context.db.labels.values()].some((label) => label.accountId === context.account.id && label.title === title)) {
        problems.push({ attribute: 'title', message: 'Title has already been taken' });
      }
      if (problems.length > 0) throw errors.invalid(problems);
      const label: FakeLabelRecord = {
        id: context.db.nextId('labels'),
        accountId: context.account.id,
        title,
        description: typeof fields.description === 'string' ? fields.description : null,
        color: typeof fields.color === 'string' ? fields.color : '#1f93ff',
        show_on_sidebar: typeof fields.show_on_sidebar === 'boolean' ? fields.show_on_sidebar : null,
      };
      context.db.labels.set(label.id, label);
      return { body: presentLabel(label) };
    },
  },
];
