// Cleaning and folding header text (header_text.h).
#include "header_text.h"

namespace smtp_explain {

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned min_second = 0x80, max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) min_second = 0xA0;  // overlong
    if (c == 0xED) max_second = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) min_second = 0x90;  // overlong
    if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string clean_header_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (c < 0x7F) {
      // A run of printable ASCII other than space, copied at once.
      std::size_t j = i + 1;
      while (j < text.size()) {
        const unsigned char d = static_cast<unsigned char>(text[j]);
        if (d <= 0x20 || d >= 0x7F) break;
        ++j;
      }
      out.append(text.data() + i, j - i);
      i = j;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::vector<std::string> split_atoms(std::string_view text) {
  std::vector<std::string> atoms;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) atoms.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return atoms;
}

void HeaderFolder::add(std::string_view atom) {
  while (!atom.empty()) {
    const std::size_t sep = line_empty_ ? 0 : 1;
    if (!line_empty_ && line_ + sep + atom.size() > kFoldWidth) {
      value_ += "\n ";
      line_ = 1;
      line_empty_ = true;
      continue;
    }
    // Room left on this line within the hard limit; cut an oversized atom.
    const std::size_t room = kMaxLineLength - line_ - sep;
    std::string_view piece = atom.substr(0, std::min(atom.size(), room));
    if (!line_empty_) value_ += ' ';
    value_.append(piece);
    line_ += sep + piece.size();
    line_empty_ = false;
    atom.remove_prefix(piece.size());
    if (!atom.empty()) {  // the rest continues on a new line
      value_ += "\n ";
      line_ = 1;
      line_empty_ = true;
    }
  }
}

void HeaderFolder::add_words(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const std::size_t space = text.find(' ', i);
    const std::size_t j = space == std::string_view::npos ? text.size() : space;
    add(text.substr(i, j - i));
    i = j;
  }
}

std::string fold_atoms(std::string_view name, const std::vector<std::string>& atoms) {
  HeaderFolder folder(name);
  for (const std::string& atom : atoms) folder.add(atom);
  return folder.take();
}

}  // namespace smtp_explain
