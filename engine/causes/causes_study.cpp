#include "engine/causes/causes_study.hpp"
