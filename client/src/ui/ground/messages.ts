/** Words for a common ground request the server refused (issue 16). */
import { STATEMENT_LIMITS } from '../../../../shared/common-ground.js';
import { LiveError } from '../../realtime/requests.js';
import { actionErrorMessage } from '../discussion/messages.js';

export function groundErrorMessage(error: unknown): string {
  if (error instanceof LiveError && error.code === 'VALIDATION_FAILED') {
    return `A statement is ${STATEMENT_LIMITS.textMin} to ${STATEMENT_LIMITS.textMax} characters on one line. ${error.message}`;
  }
  // Sessions, mutes, bans, busy: the same words as the discussion's.
  return actionErrorMessage(error);
}
