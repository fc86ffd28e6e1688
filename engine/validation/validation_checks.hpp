// Placeholder: the checks of `spineload validate` (issue 9); filled in by the validation work.
#pragma once
