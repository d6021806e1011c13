"""Writes ``common-passwords.txt``: passwords too weak to accept (常见弱密码), one a line, lower case.

No public common-password list ships with the packages this project installs, so the list is built
from well-known weak patterns: the most-used passwords of published breach studies (English and
Chinese pinyin), keyboard walks, digit runs and repeats, and those words with the usual suffixes.
Run ``python core/auth/data/make_common_passwords.py`` to regenerate; the output is sorted and stable.
"""
from __future__ import annotations

from pathlib import Path

WORDS = """
password passw0rd p@ssw0rd p@ssword pass admin administrator root user guest test login welcome
letmein iloveyou monkey dragon master shadow sunshine princess football baseball soccer hockey
superman batman trustno1 whatever freedom qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm abc abcd abcdef
abcdefg abcdefgh abcdefghij secret michael jordan jennifer hunter ranger buster thomas tigger
charlie robert daniel starwars computer internet google baidu tencent taobao weixin wechat qq
woaini woaiwojia woaimama woaibaba wangyi zhangwei wangwei lixiang liuyang wangjing zhangjie
zhongguo china beijing shanghai shenzhen guangzhou hangzhou nanjing wuhan chengdu xian
dangyuan dangzhibu zhibu shuji xuexiao laoshi xuesheng jiaoshi banzhuren xiaozhang
changeme default temp temppass newpass mypassword yourpassword nopassword
love lovely loveme ilovechina hello hello123 helloworld flower summer winter spring autumn
killer pokemon naruto minecraft cookie cheese chocolate banana apple orange
""".split()

SEEDS = """
123456 123456789 12345678 1234567890 12345 1234567 111111 000000 666666 888888 123123 654321
7777777 987654321 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y qazwsx qazwsxedc zaq12wsx
5201314 1314520 1314521 521521 520520 woaini1314 aini1314 iloveyou1314 woaini520 a123456 a12345678
aa123456 qq123456 abc123 abc123456 abc12345678 123456a 123456abc 123456789a 147258369 159357
741852963 11223344 112233445566 123321 1234554321 123654789 147852369 963852741 789456123
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789",
            "!", "!!", "1!", "123!", "@123", "#123", "000", "111", "520", "666", "888", "1314", "2008",
            *[str(y) for y in range(2015, 2031)]]


def digit_runs() -> set[str]:
    runs = set()
    for length in range(6, 21):
        for d in "0123456789":
            runs.add(d * length)
        up = "".join(str(i % 10) for i in range(length))
        runs |= {up, up[::-1]}
        for start in range(1, 10):
            s = "".join(str((start + i) % 10) for i in range(length))
            runs |= {s, s[::-1]}
        for pair in ("12", "123", "1234", "520", "666", "888", "abc", "qwe", "asd"):
            runs.add((pair * length)[:length])
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for length in range(6, 17):
            runs.add(letter * length)
    return runs


def main() -> None:
    found = set(SEEDS) | digit_runs()
    for word in WORDS + SEEDS:
        for suffix in SUFFIXES:
            found.add(word + suffix)
            found.add(suffix + word)
    found = {p.lower() for p in found if len(p) >= 6}
    Path(__file__).with_name("common-passwords.txt").write_text("\n".join(sorted(found)) + "\n",
                                                                encoding="utf-8")


if __name__ == "__main__":
    main()
