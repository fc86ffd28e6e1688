#include "engine/causes/causes_table.hpp"
