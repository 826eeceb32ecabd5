// A date without a time has no time zone: the admin's note "enter times in the … time zone"
// stays on fields that take a time, and is left off date-only fields (a holiday, a fee's first
// day, a certificate's expiry), where it named times that are not there.
"use strict";
{
    const timeNotesOnly = function () {
        const shortcuts = window.DateTimeShortcuts;
        if (!shortcuts || shortcuts.timeNotesOnly) {
            return;
        }
        const addNote = shortcuts.addTimezoneWarning;
        shortcuts.addTimezoneWarning = function (input) {
            const dateOnly =
                input.classList.contains("vDateField") && !input.closest("p.datetime");
            if (!dateOnly) {
                addNote.call(shortcuts, input);
            }
        };
        shortcuts.timeNotesOnly = true;
    };
    document.addEventListener("DOMContentLoaded", timeNotesOnly);
}
