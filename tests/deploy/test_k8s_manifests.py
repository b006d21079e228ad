"""deploy/k8s: schema-valid (kubernetes-validate, offline schemas) and wired together."""

from __future__ import annotations

import re

import pytest
import yaml
from deploy_helpers import ROOT

K8S = ROOT / "deploy" / "k8s"
OPTIONAL = {"secret.example.yaml", "vllm.yaml"}  # applied by hand, documented in the files


def load(name: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all((K8S / name).read_text()) if doc]


def manifests() -> list[str]:
    return sorted(p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def resources() -> dict[tuple[str, str], dict]:
    return {(d["kind"], d["metadata"]["name"]): d for f in manifests() for d in load(f)}


def pod_template(doc: dict) -> dict:
    return doc["spec"].get("jobTemplate", {}).get("spec", doc["spec"])["template"]


def pod_spec(doc: dict) -> dict:
    return pod_template(doc)["spec"]


def containers(doc: dict) -> list[dict]:
    spec = pod_spec(doc)
    return spec["containers"] + spec.get("initContainers", [])


WORKLOADS = {"Deployment", "StatefulSet", "CronJob"}


def workloads() -> dict[tuple[str, str], dict]:
    return {key: doc for key, doc in resources().items() if key[0] in WORKLOADS}


def test_kustomization_lists_every_manifest_but_the_optional_ones():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(set(manifests()) - OPTIONAL)


@pytest.mark.parametrize("name", manifests())
def test_schema_valid(name):
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    for doc in load(name):
        kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)


def test_images_are_pinned():
    for key, doc in workloads().items():
        for container in containers(doc):
            image = container["image"]
            tag = image.rpartition(":")[2]
            assert ":" in image and tag != "latest" and re.match(r"v?\d", tag), (key, image)


def test_llm_api_server_is_stateless_with_health_probes_and_hpa():
    all_resources = resources()
    deployment = all_resources[("Deployment", "llm-api-server")]
    [server] = pod_spec(deployment)["containers"]
    assert server["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert server["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert server["startupProbe"]["httpGet"]["path"] == "/health/live"
    env = {e["name"]: e.get("value") for e in server["env"]}
    assert env["REDIS_URL"] == "redis://:$(REDIS_PASSWORD)@redis:6379/0"  # sessions in Redis
    assert list(env).index("REDIS_PASSWORD") < list(env).index("REDIS_URL")  # $(VAR) order
    assert "volumes" not in pod_spec(deployment)  # nothing local to lose on rescheduling
    for name in ("llm-api-server", "backend"):
        hpa = all_resources[("HorizontalPodAutoscaler", name)]
        assert hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }
        assert hpa["spec"]["minReplicas"] >= 2


def test_chroma_is_a_server_with_a_persistent_volume():
    chroma = resources()[("StatefulSet", "chroma")]
    [claim] = chroma["spec"]["volumeClaimTemplates"]
    [container] = pod_spec(chroma)["containers"]
    assert {"name": claim["metadata"]["name"], "mountPath": "/data"} in container["volumeMounts"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/api/v2/heartbeat"


@pytest.mark.parametrize("kind,name", [("StatefulSet", "ollama"), ("Deployment", "vllm")])
def test_llm_workload_gets_a_gpu(kind, name):
    [container] = pod_spec(resources()[(kind, name)])["containers"]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == 1


def test_services_select_pods_and_name_their_ports():
    all_resources = resources()
    for (kind, name), service in all_resources.items():
        if kind != "Service":
            continue
        matches = [
            doc
            for doc in workloads().values()
            if service["spec"]["selector"].items()
            <= pod_template(doc)["metadata"]["labels"].items()
        ]
        assert matches, f"Service {name} selects no pods"
        port_names = {p.get("name") for c in containers(matches[0]) for p in c.get("ports", [])}
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in port_names, f"Service {name}: {port['targetPort']}"


def test_config_and_secret_references_resolve():
    config = resources()[("ConfigMap", "blankspace-config")]["data"]
    secret = resources()[("Secret", "blankspace-secrets")]["stringData"]
    for key, doc in workloads().items():
        for container in containers(doc):
            for env in container.get("env", []):
                ref = env.get("valueFrom", {})
                if "configMapKeyRef" in ref:
                    assert ref["configMapKeyRef"]["key"] in config, (key, env["name"])
                if ref.get("secretKeyRef", {}).get("name") == "blankspace-secrets":
                    assert ref["secretKeyRef"]["key"] in secret, (key, env["name"])


def test_same_embedding_model_and_chroma_as_compose(services):
    config = resources()[("ConfigMap", "blankspace-config")]["data"]
    assert config["EMBEDDING_MODEL"] == services["llm_api_server"]["environment"]["EMBEDDING_MODEL"]
    [chroma] = pod_spec(resources()[("StatefulSet", "chroma")])["containers"]
    assert chroma["image"] == services["chroma_db_server"]["image"]
    [ollama] = pod_spec(resources()[("StatefulSet", "ollama")])["containers"]
    assert ollama["image"] == services["ollama_server"]["image"]
