#!/usr/bin/env bash
# Regenerates topology/*.json from the permissively licensed sources in ../shared/topologies
# (Topology Zoo: CC BY 4.0; Teal: MIT). Never add REPETITA files here: they carry no licence.
set -euo pipefail
cd "$(dirname "$0")/.."
src=../shared/topologies
zoo='Internet Topology Zoo, CC BY 4.0: S. Knight, H. X. Nguyen, N. Falkner, R. Bowden, M. Roughan, "The Internet Topology Zoo", IEEE JSAC 29(9), 2011'
teal='Teal artifact (harvard-cns/teal), MIT licence: Z. Xu et al., "Teal: Learning-Accelerated Optimization of WAN Traffic Engineering", SIGCOMM 2023'
imp() {
  local attribution=$zoo
  [ "$2" = teal ] && attribution=$teal
  node bin/autonet topology import "$src/$1" --format "$2" --name "$3" --attribution "$attribution" -o "topology/$4.json"
}
imp topologyzoo/Abilene.gml gml Abilene abilene
imp topologyzoo/Nsfnet.gml gml Nsfnet nsfnet
imp topologyzoo/Geant2012.gml gml Geant2012 geant2012
imp topologyzoo/AttMpls.gml gml AttMpls attmpls
imp topologyzoo/Cogentco.gml gml Cogentco cogentco
imp topologyzoo/Kdl.gml gml Kdl kdl
imp teal/B4.json teal B4 b4
