// The JSON forms of the CLI's output (nlohmann::json): one explanation, and one
// checked message file. Field names are part of the documented CLI contract.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "smtp_explain/catalog.h"
#include "smtp_explain/headers.h"
#include "smtp_explain/report.h"

nlohmann::json explanation_json(const smtp_explain::Explanation& e);

// REQUIRES: texts.size() == report.recipients.size().
nlohmann::json report_json(const std::string& file, const smtp_explain::Report& report,
                           const std::vector<smtp_explain::RecipientText>& texts,
                           const std::vector<smtp_explain::HeaderField>& headers);

// One line of JSON; invalid UTF-8 from a message is replaced, never thrown on.
std::string json_line(const nlohmann::json& j);
