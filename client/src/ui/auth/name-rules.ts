/**
 * The register form's name rules before anything is sent (issue 15): the shared schema, plus the
 * hints the client can give from shared/names.ts alone (invisible letters, odd spaces, reserved
 * words). Look-alikes of other users' names and mixed scripts are the server's to judge: it
 * answers with a NAME_… code, shown next to the name field all the same.
 */
import { nameCharacterProblem, reservedNameLike } from '../../../../shared/names.js';
import { registerBody } from '../../../../shared/schemas.js';

export const registerFormBody = registerBody.superRefine((value, ctx) => {
  if (nameCharacterProblem(value.name)) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'holds an invisible or unusual character; retype it' });
    return;
  }
  const reserved = reservedNameLike(value.name);
  if (reserved)
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: `looks like “${reserved}”, a name kept for the site; choose another`,
    });
});
