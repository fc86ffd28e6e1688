#include "engine/validation/validation_checks.hpp"
