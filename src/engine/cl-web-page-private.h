/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-web-page.h"

G_BEGIN_DECLS

gboolean _cl_web_page_is_fetchable (const char *url);

G_END_DECLS
