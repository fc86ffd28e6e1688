// Placeholder: one GoogleTest case per validation check (label `validation`).
#include <gtest/gtest.h>
