/**
 * Opens a `<dialog>` as a native modal for as long as it is on screen: focus moves inside and
 * nothing behind it can be touched. Escape calls `oncancel` instead of closing the dialog
 * itself, so the component that owns it decides what closing means.
 *
 * `<dialog {@attach modal(onclose)}>`
 */
export function modal(oncancel: () => void) {
  return (dialog: HTMLDialogElement) => {
    const cancel = (event: Event): void => {
      event.preventDefault();
      oncancel();
    };
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
    };
  };
}
