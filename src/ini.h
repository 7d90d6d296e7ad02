/* The one place that knows where iniparser's header lives. */
#ifndef LA_INI_H
#define LA_INI_H

#include "config.h"

#if defined(HAVE_INIPARSER_INIPARSER_H)
#include <iniparser/iniparser.h>
#elif defined(HAVE_INIPARSER_H)
#include <iniparser.h>
#else
#error "iniparser.h not found"
#endif

#endif
