import { getContext, setContext } from 'svelte';
import { messagesFor, type Messages } from '../lib/i18n';

const KEY = Symbol('staff-keyboard-messages');

/** Where the staff side's on-screen keyboards read their words: a getter, so a language switch shows at once. */
export type MessagesSource = () => Messages;

/** Called by the component that shows staff screens: the keyboards below it speak the staff language. */
export function provideKeyboardMessages(source: MessagesSource): void {
  setContext(KEY, source);
}

/** The staff language's messages for a keyboard button; Vietnamese where no screen provided any. */
export function keyboardMessages(): MessagesSource {
  return getContext<MessagesSource | undefined>(KEY) ?? (() => messagesFor('vi'));
}
