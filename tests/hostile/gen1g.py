# Streams a ~1 GB zh-CN→en TMX to argv[1] (one-off for the memory measurement).
import sys
P=[("中国－中亚精神","China-Central Asia Spirit"),("共建“一带一路”","the Belt and Road Initiative"),("构建人类命运共同体","a community with a shared future for mankind"),("全球发展倡议","the Global Development Initiative"),("互尊、互信、互利、互助","mutual respect, mutual trust, mutual benefit and mutual assistance"),("以高质量发展推进共同现代化","common modernization through high-quality development")]
target=int(sys.argv[2]) if len(sys.argv)>2 else 1<<30
with open(sys.argv[1],"w",encoding="utf-8",buffering=1<<20) as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="gen1g" creationtoolversion="1" segtype="sentence" o-tmf="concord" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n  <body>\n')
    i=0; n=0
    while n<target:
        zh,en=P[i%6]; zh2,en2=P[(i//6)%6]
        s=f'    <tu tuid="u{i}">\n      <prop type="x-batch">{i//1000}</prop>\n      <tuv xml:lang="zh-CN"><seg>{zh}，<bpt i="1">&lt;b&gt;</bpt>{zh2}<ept i="1">&lt;/b&gt;</ept>（第{i}条）</seg></tuv>\n      <tuv xml:lang="en"><seg>{en}, <bpt i="1">&lt;b&gt;</bpt>{en2}<ept i="1">&lt;/b&gt;</ept> (item {i})</seg></tuv>\n    </tu>\n'
        f.write(s); n+=len(s.encode()); i+=1
    f.write('  </body>\n</tmx>\n')
print(i, "units")
